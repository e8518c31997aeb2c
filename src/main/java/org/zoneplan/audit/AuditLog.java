package org.zoneplan.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zoneplan.system.Actors;

/**
 * The audit log: every write and every export, who and when. Entries are written in the caller's
 * transaction, so a write that rolls back leaves no entry.
 */
@Repository
public class AuditLog {
  private final JdbcClient jdbc;

  AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param action e.g. {@code zone.create}, {@code export}
   * @param target what was acted on, e.g. {@code pujiang-2021/PJ-1-CORE}
   * @param detail free text, or null
   */
  public void record(String action, String target, String detail) {
    jdbc.sql("INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)")
        .params(OffsetDateTime.now(ZoneOffset.UTC), Actors.current(), action, target, detail)
        .update();
  }

  /** One entry of the log. */
  public record Entry(
      long id, OffsetDateTime at, String actor, String action, String target, String detail) {}

  /** The newest entries first. */
  public List<Entry> latest(int limit) {
    return jdbc.sql(
            "SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?")
        .param(limit)
        .query(
            (rs, row) ->
                new Entry(
                    rs.getLong("id"),
                    rs.getObject("at", OffsetDateTime.class),
                    rs.getString("actor"),
                    rs.getString("action"),
                    rs.getString("target"),
                    rs.getString("detail")))
        .list();
  }
}
