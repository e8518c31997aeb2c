package org.zoneplan.security;

import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.zoneplan.store.StoreProperties;
import org.zoneplan.system.Actors;

/**
 * The first accounts, created before the server takes requests and only while the store has no
 * user: the demo accounts on the embedded store (password {@code demo}, for trying zoneplan out),
 * or the first {@code admin} with the password from {@code ZONEPLAN_ADMIN_PASSWORD}. On PostGIS
 * demo accounts are refused, and a store without any user refuses to start without that password,
 * so a production server never runs with a known password or with nobody able to sign in.
 */
@Component
class InitialUsers implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(InitialUsers.class);
  static final String DEMO_PASSWORD = "demo";

  /** A demo account: one per role. */
  record Demo(String username, Role role, String displayName) {}

  static final List<Demo> DEMO =
      List.of(
          new Demo("admin", Role.ADMIN, "系统管理员(演示)"),
          new Demo("planner", Role.PLANNER, "规划编制人员(演示)"),
          new Demo("approver", Role.APPROVER, "审批人员(演示)"),
          new Demo("viewer", Role.VIEWER, "领导查看(演示)"),
          new Demo("landbureau", Role.LAND_BUREAU, "自然资源局(演示)"));

  private final UserService users;
  private final StoreProperties store;
  private final AccountProperties accounts;

  InitialUsers(UserService users, StoreProperties store, AccountProperties accounts) {
    this.users = users;
    this.store = store;
    this.accounts = accounts;
  }

  /** Whether this server has the demo accounts (on by default on the embedded store only). */
  static boolean demoEnabled(StoreProperties store, AccountProperties accounts) {
    boolean embedded = store.store() == StoreProperties.Engine.H2GIS;
    return accounts.demoUsers() == null ? embedded : accounts.demoUsers() && embedded;
  }

  @Override
  public void afterSingletonsInstantiated() {
    boolean embedded = store.store() == StoreProperties.Engine.H2GIS;
    if (Boolean.TRUE.equals(accounts.demoUsers()) && !embedded) {
      throw new IllegalStateException(
          "zoneplan.security.demo-users=true is refused on PostGIS: demo accounts have a known"
              + " password. Set ZONEPLAN_ADMIN_PASSWORD for the first admin instead.");
    }
    if (users.count() > 0) {
      return;
    }
    String adminPassword = accounts.initialAdminPassword();
    boolean hasAdminPassword = adminPassword != null && !adminPassword.isBlank();
    Actors.runAs(
        Actors.SYSTEM,
        () -> {
          if (demoEnabled(store, accounts)) {
            DEMO.forEach(
                d ->
                    users.createInitial(
                        d.username(), d.displayName(), EnumSet.of(d.role()), DEMO_PASSWORD));
            log.warn(
                "Demo accounts created (admin, planner, approver, viewer, landbureau; password"
                    + " '{}'): for trying zoneplan out only",
                DEMO_PASSWORD);
          } else if (hasAdminPassword) {
            users.createInitial("admin", "系统管理员", EnumSet.of(Role.ADMIN), adminPassword);
            log.info("First administrator 'admin' created from ZONEPLAN_ADMIN_PASSWORD");
          } else {
            throw new IllegalStateException(
                "The store has no user yet: set the environment variable ZONEPLAN_ADMIN_PASSWORD"
                    + " (or zoneplan.security.initial-admin-password) for the first administrator"
                    + " 'admin'");
          }
        });
  }
}
