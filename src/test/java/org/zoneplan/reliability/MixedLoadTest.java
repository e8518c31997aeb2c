package org.zoneplan.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.web.session.HttpSessionCreatedEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.Shapes;
import org.zoneplan.testsupport.TestDirs;
import tools.jackson.databind.JsonNode;

/**
 * A mixed load on loopback, bounded in time: 64 clients read tiles and indicators (64 concurrent
 * connections, issue 16), 4 planners edit (each its own zone, and all of them one shared zone), and
 * proposals are drafted and submitted by a planner and approved by 1 approver, each client signed
 * in with its own role (HTTP Basic). Afterwards: no 5xx (nor 401/403), no HTTP session created (the
 * API is stateless), and every acknowledged write is in the history exactly once, under its
 * planner's name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("slow") // a 60 s load test: left out by the fast command (README)
class MixedLoadTest {
  static final int READERS = 64;
  static final int PLANNERS = 4;
  static final String PLAN = "pujiang-2021";

  @LocalServerPort int port;

  @Autowired ConfigurableApplicationContext context;

  @Value("${zoneplan.test.load-seconds:60}")
  int seconds;

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-load").toString();
    registry.add("zoneplan.data-dir", () -> dir);
  }

  record Ack(String code, String reason) {}

  @Test
  void noServerErrorsAndEveryAcknowledgedWriteIsInTheHistoryOnce() throws Exception {
    Http setup = new Http(port);
    // Everyone signs in with their own role: readers as the demo viewer, each planner as a user of
    // their own (so the history must name the right one), proposals drafted by the demo planner
    // and decided by the demo approver.
    for (int i = 0; i < PLANNERS; i++) {
      assertThat(
              setup
                  .post(
                      "/api/users",
                      "{\"username\":\"load-planner-"
                          + i
                          + "\",\"password\":\"load-pass-1\",\"roles\":[\"PLANNER\"]}")
                  .status())
          .isEqualTo(201);
    }
    for (int i = 0; i < PLANNERS; i++) {
      assertThat(
              setup
                  .post(zone("LOAD-" + i), feature("负载" + i, 119.70 + i * 0.02, 29.56, 0.01))
                  .status())
          .isEqualTo(201);
    }
    assertThat(setup.post(zone("LOAD-SHARED"), feature("共享", 119.70, 29.60, 0.01)).status())
        .isEqualTo(201);
    assertThat(setup.post(zone("LOAD-APPROVED"), feature("审批", 119.80, 29.60, 0.01)).status())
        .isEqualTo(201);

    // Sessions are counted through the events the security configuration's
    // HttpSessionEventPublisher turns them into, from here on: none may be created by the load.
    AtomicLong sessionsCreated = new AtomicLong();
    context.addApplicationListener(
        (ApplicationListener<HttpSessionCreatedEvent>) e -> sessionsCreated.incrementAndGet());

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> approved = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(READERS + PLANNERS + 1);
    List<Future<?>> work = new ArrayList<>();

    for (int r = 0; r < READERS; r++) {
      work.add(
          pool.submit(
              () -> {
                Http http = new Http(port).as(new Credentials("viewer", "demo"));
                while (System.nanoTime() < deadline) {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  // z14 tiles over the sample zones (x 13647–13650, y 6746–6749), MVT and PNG.
                  int x = 13647 + random.nextInt(4);
                  int y = 6746 + random.nextInt(4);
                  String path =
                      switch (random.nextInt(4)) {
                        case 0 -> "/tiles/zones/14/" + x + "/" + y + ".png?plan=" + PLAN;
                        case 1 -> "/tiles/zones/14/" + x + "/" + y + ".mvt?plan=" + PLAN;
                        case 2 -> "/tiles/parcels/14/" + x + "/" + y + ".mvt";
                        default -> "/api/plans/" + PLAN + "/indicators";
                      };
                  record(http.get(path), path, statuses, serverErrors);
                }
                return null;
              }));
    }
    for (int p = 0; p < PLANNERS; p++) {
      int planner = p;
      work.add(
          pool.submit(
              () -> {
                Http http =
                    new Http(port).as(new Credentials("load-planner-" + planner, "load-pass-1"));
                int n = 0;
                while (System.nanoTime() < deadline) {
                  // Alternately the planner's own zone and the zone all planners fight over.
                  String code = n % 2 == 0 ? "LOAD-" + planner : "LOAD-SHARED";
                  String reason = "planner-" + planner + "-" + n++;
                  String etag = http.etag(zone(code));
                  double size = 0.008 + ThreadLocalRandom.current().nextDouble() * 0.004;
                  Http.Response response =
                      http.put(
                          zone(code) + "?reason=" + reason,
                          feature(
                              "修改" + reason,
                              code.equals("LOAD-SHARED") ? 119.70 : 119.70 + planner * 0.02,
                              code.equals("LOAD-SHARED") ? 29.60 : 29.56,
                              size),
                          etag);
                  record(response, "PUT " + code, statuses, serverErrors);
                  if (response.status() == 200) {
                    acks.add(new Ack(code, reason));
                  } else {
                    assertThat(response.status()).as(response.text()).isEqualTo(412);
                  }
                }
                return null;
              }));
    }
    work.add(
        pool.submit(
            () -> {
              Http http = new Http(port).as(new Credentials("planner", "demo"));
              Http approver = new Http(port).as(new Credentials("approver", "demo"));
              int n = 0;
              while (System.nanoTime() < deadline) {
                String body =
                    "{\"planId\":\""
                        + PLAN
                        + "\",\"title\":\"负载审批"
                        + n
                        + "\",\"reason\":\"approver-"
                        + n++
                        + "\",\"changes\":[{\"operation\":\"UPDATE\",\"code\":\"LOAD-APPROVED\",\"feature\":"
                        + feature("审批", 119.80, 29.60, 0.008 + (n % 5) * 0.001)
                        + "}]}";
                Http.Response created = http.post("/api/proposals", body);
                record(created, "POST proposal", statuses, serverErrors);
                if (created.status() != 201) {
                  continue;
                }
                long id = created.json().get("id").longValue();
                record(
                    http.post("/api/proposals/" + id + "/submit", ""),
                    "submit",
                    statuses,
                    serverErrors);
                Http.Response decision =
                    approver.post("/api/proposals/" + id + "/approve", "{\"comment\":\"同意\"}");
                record(decision, "approve", statuses, serverErrors);
                if (decision.status() == 200) {
                  approved.add(id);
                }
              }
              return null;
            }));
    pool.shutdown();
    assertThat(pool.awaitTermination(seconds + 60, TimeUnit.SECONDS)).isTrue();
    for (Future<?> f : work) {
      f.get();
    }

    System.err.printf(
        Locale.ROOT,
        "load test: %d s, %d readers, statuses %s, %d acknowledged edits, %d approved proposals,"
            + " %d sessions created%n",
        seconds,
        READERS,
        statuses,
        acks.size(),
        approved.size(),
        sessionsCreated.get());
    assertThat(serverErrors).isEmpty();
    assertThat(sessionsCreated.get()).as("HTTP sessions created by the load").isZero();
    assertThat(acks).isNotEmpty();
    assertThat(approved).isNotEmpty();

    Http http = new Http(port);
    for (String code : List.of("LOAD-0", "LOAD-1", "LOAD-2", "LOAD-3", "LOAD-SHARED")) {
      JsonNode history = http.get(zone(code) + "/history").json();
      Map<String, Integer> byReason = new ConcurrentHashMap<>();
      history.forEach(
          h -> {
            if (!h.get("reason").isNull()) {
              String reason = h.get("reason").asString();
              byReason.merge(reason, 1, Integer::sum);
              // "planner-<i>-<n>" was written by load-planner-<i>.
              assertThat(h.get("changedBy").asString())
                  .as(reason)
                  .isEqualTo("load-" + reason.substring(0, reason.lastIndexOf('-')));
            }
          });
      for (Ack ack : acks) {
        if (ack.code().equals(code)) {
          assertThat(byReason.get(ack.reason())).as("%s %s", code, ack.reason()).isEqualTo(1);
        }
      }
      // Nothing that was refused is in the history either: one entry per acknowledged edit +
      // create.
      long expected = acks.stream().filter(a -> a.code().equals(code)).count();
      assertThat(history.size()).isEqualTo((int) expected + 1);
    }
    JsonNode approvals = http.get(zone("LOAD-APPROVED") + "/history").json();
    Map<Long, Integer> byProposal = new ConcurrentHashMap<>();
    approvals.forEach(
        h -> {
          if (!h.get("proposalId").isNull())
            byProposal.merge(h.get("proposalId").longValue(), 1, Integer::sum);
        });
    for (long id : approved) {
      assertThat(byProposal.get(id)).as("proposal %d", id).isEqualTo(1);
    }
    assertThat(byProposal).hasSize(approved.size());
  }

  private static void record(
      Http.Response response,
      String what,
      Map<Integer, AtomicLong> statuses,
      ConcurrentLinkedQueue<String> errors) {
    statuses.computeIfAbsent(response.status(), s -> new AtomicLong()).incrementAndGet();
    // A refused sign-in or role is as much a failure here as a server error.
    if (response.status() >= 500 || response.status() == 401 || response.status() == 403) {
      errors.add(what + " → " + response.status() + " " + response.text());
    }
  }

  static String zone(String code) {
    return "/api/plans/" + PLAN + "/zones/" + code;
  }

  static String feature(String name, double lon, double lat, double size) {
    return "{\"type\":\"Feature\",\"properties\":{\"name\":\""
        + name
        + "\",\"kind\":\"COOPERATION\",\"parent\":\"PJ\"},\"geometry\":"
        + Shapes.square(lon, lat, size)
        + "}";
  }
}
