package org.zoneplan.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, empty PostGIS databases for tests.
 *
 * <p>{@link #create(String)} returns a newly created database in which the {@code postgis}
 * extension already exists. The server comes from, in this order:
 *
 * <ol>
 *   <li>{@code ZONEPLAN_TEST_PG}: a JDBC URL of an admin database (for example {@code
 *       jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=secret}); user and
 *       password may instead be given in {@code ZONEPLAN_TEST_PG_USER} / {@code
 *       ZONEPLAN_TEST_PG_PASSWORD}. {@code .ci/run} sets it. If it is set but unusable, that is an
 *       error, not a skip.
 *   <li>a throwaway cluster, started once per JVM from {@code /usr/lib/postgresql/<newest>/bin} (or
 *       {@code ZONEPLAN_TEST_PG_BINDIR}) as the {@code postgres} OS user when running as root,
 *       listening on 127.0.0.1 only, and deleted when the JVM exits.
 *   <li>otherwise the calling test is aborted, so JUnit reports it as skipped — unless {@code
 *       CI=true}, where a missing PostGIS is an error.
 * </ol>
 *
 * <p>Each setting is read from a system property of the same name first, then from the environment.
 * Which server is used is logged once to stderr.
 */
public final class PostgisTestDatabase {

  /** JDBC URL of an admin database on a PostGIS-capable server. */
  public static final String URL_SETTING = "ZONEPLAN_TEST_PG";

  public static final String USER_SETTING = "ZONEPLAN_TEST_PG_USER";
  public static final String PASSWORD_SETTING = "ZONEPLAN_TEST_PG_PASSWORD";

  /** Directory holding {@code initdb} and {@code pg_ctl}; replaces the search for them. */
  public static final String BINDIR_SETTING = "ZONEPLAN_TEST_PG_BINDIR";

  private static final String DB_PREFIX = "zoneplan_test_";
  private static final String CLUSTER_DIR_PREFIX = "zoneplan-pg-";
  private static final String OWNER_FILE = "owner.pid";
  private static final int MAX_IDENTIFIER = 63;
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final Object LOCK = new Object();
  private static Server server; // guarded by LOCK
  private static String unavailableReason; // guarded by LOCK
  private static RuntimeException configurationError; // guarded by LOCK

  private PostgisTestDatabase() {}

  /** Connection details of one test database. */
  public record Database(String jdbcUrl, String username, String password) {

    public Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl, username, password);
    }

    @Override
    public String toString() {
      return "Database[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***]";
    }
  }

  /**
   * Creates a new, empty database with PostGIS installed.
   *
   * @param purpose a short word naming the caller; it becomes part of the database name
   * @throws org.opentest4j.TestAbortedException when no PostGIS server can be had (test skipped)
   * @throws IllegalStateException when no PostGIS server can be had and {@code CI=true}, or when
   *     {@code ZONEPLAN_TEST_PG} is set but unusable
   */
  /**
   * The database of one test class, created when first asked for: {@code @BeforeAll} calls {@link
   * #get()} (skipping or failing the class early) and {@code @DynamicPropertySource} calls {@link
   * #register} to make it the Spring store.
   */
  public static final class PerClass {
    /**
     * Connections per test server: Spring keeps every test context (and its pool) until the JVM
     * ends, and Debian's cluster allows 100 clients in all.
     */
    public static final String POOL_SIZE = "4";

    /** The statement timeout of test servers on PostGIS (see {@link #register}). */
    public static final String STATEMENT_TIMEOUT = "10m";

    private final String purpose;
    private final Map<String, String> sample; // null: a fresh, empty database
    private Database database;

    /** A fresh, empty database: Flyway and the sample loaders run when the server starts. */
    public PerClass(String purpose) {
      this.purpose = purpose;
      this.sample = null;
    }

    private PerClass(String purpose, Map<String, String> sample) {
      this.purpose = purpose;
      this.sample = sample;
    }

    /**
     * A database of its own that already holds the sample data loaded with {@code properties}
     * ({@code name=value} each, also registered by {@link #register}): a copy of a template loaded
     * once per JVM ({@link SampleStores}). For classes that start from the sample data and do not
     * test the first start itself.
     */
    public static PerClass withSample(String purpose, String... properties) {
      return new PerClass(purpose, SampleStores.parse(properties));
    }

    public synchronized Database get() {
      if (database == null) {
        database = sample == null ? create(purpose) : SampleStores.postgis(purpose, sample);
      }
      return database;
    }

    /**
     * {@code zoneplan.store=postgis} and the datasource settings of this database. The statement
     * timeout is raised to {@value #STATEMENT_TIMEOUT}: the tests check figures with independent
     * PostGIS queries over the whole sample (the reference, not the code under test), which a
     * loaded machine can take longer than the production default to answer. A test of the timeout
     * itself registers its own value after this one (the last registration wins).
     */
    public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
      registry.add("zoneplan.limits.statement-timeout", () -> STATEMENT_TIMEOUT);
      registry.add("zoneplan.store", () -> "postgis");
      registry.add("spring.datasource.url", () -> get().jdbcUrl());
      registry.add("spring.datasource.username", () -> get().username());
      registry.add("spring.datasource.password", () -> get().password());
      registry.add("spring.datasource.hikari.maximum-pool-size", () -> POOL_SIZE);
      if (sample != null) {
        sample.forEach((k, v) -> registry.add(k, () -> v));
      }
    }
  }

  public static Database create(String purpose) {
    return server().createDatabase(purpose);
  }

  /**
   * A new database copied from {@code template} ({@code CREATE DATABASE … TEMPLATE}), which must be
   * one of this JVM's test databases with no connection open to it.
   */
  static Database copy(String purpose, Database template) {
    return server().createDatabase(purpose, template);
  }

  /**
   * Whether databases made here outlive this JVM's run and can be seen by other test JVMs of the
   * same run ({@code ZONEPLAN_TEST_PG}); a throwaway cluster is this JVM's own.
   */
  static boolean serverIsShared() {
    return server().cluster == null;
  }

  /**
   * The database {@code name} (a valid {@code zoneplan_test_…} identifier) on the shared server,
   * dropped first if it exists, created empty with PostGIS and marked as belonging to the process
   * {@code owner} (dropped as stale once that process has ended, by whichever test JVM starts
   * next). Not dropped when this JVM ends: other JVMs of the run may still copy it.
   */
  static Database recreateShared(String name, long owner) {
    return server().recreate(name, owner);
  }

  /** The database {@code name} that another JVM of this run made by {@link #recreateShared}. */
  static Database shared(String name) {
    return server().known(name);
  }

  private static Server server() {
    synchronized (LOCK) {
      if (server != null) {
        return server;
      }
      if (configurationError != null) {
        throw new IllegalStateException(
            configurationError.getMessage(), configurationError.getCause());
      }
      if (unavailableReason == null) {
        try {
          server = startServer();
          System.err.println("PostGIS for tests: " + server.description);
          return server;
        } catch (Unavailable e) {
          unavailableReason = e.getMessage();
          System.err.println("PostGIS for tests: not available: " + unavailableReason);
        } catch (RuntimeException e) {
          configurationError = e;
          System.err.println("PostGIS for tests: " + e.getMessage());
          throw e;
        }
      }
      throw unavailable(unavailableReason, isCi());
    }
  }

  /**
   * What to throw when there is no PostGIS: an abort (JUnit reports the test as skipped), or under
   * {@code CI=true} an error, since CI must run these tests.
   */
  static RuntimeException unavailable(String reason, boolean ci) {
    String message =
        "PostGIS not available: "
            + reason
            + "; set "
            + URL_SETTING
            + " or install postgresql-15-postgis-3";
    if (ci) {
      return new IllegalStateException(message + " (CI=true: PostGIS tests must not be skipped)");
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  static boolean isCi() {
    return "true".equalsIgnoreCase(setting("CI"));
  }

  static String setting(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Server startServer() throws Unavailable {
    String url = setting(URL_SETTING);
    if (url != null) {
      return externalServer(url);
    }
    return throwawayCluster();
  }

  // ---------------------------------------------------------------- (a) ZONEPLAN_TEST_PG

  private static Server externalServer(String url) {
    Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
    if (parsed == null) {
      throw new IllegalStateException(
          URL_SETTING + " is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db?...)");
    }
    String user = firstNonNull(setting(USER_SETTING), parsed.getProperty("user"), "postgres");
    String password = firstNonNull(setting(PASSWORD_SETTING), parsed.getProperty("password"), "");
    String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
    String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
    StringBuilder hostPorts = new StringBuilder();
    for (int i = 0; i < hosts.length; i++) {
      hostPorts.append(i == 0 ? "" : ",").append(hosts[i]);
      hostPorts.append(':').append(ports[Math.min(i, ports.length - 1)]);
    }
    List<String> params = new ArrayList<>();
    parsed.stringPropertyNames().stream()
        .filter(k -> !List.of("PGHOST", "PGPORT", "PGDBNAME", "user", "password").contains(k))
        .sorted()
        .forEach(k -> params.add(encode(k) + "=" + encode(parsed.getProperty(k))));
    String query = params.isEmpty() ? "" : "?" + String.join("&", params);
    String prefix = "jdbc:postgresql://" + hostPorts + "/";
    Server s =
        new Server(
            db -> prefix + encode(db) + query,
            parsed.getProperty("PGDBNAME", "postgres"),
            user,
            password,
            true,
            null);
    try {
      s.prepare();
    } catch (SQLException e) {
      throw new IllegalStateException(
          URL_SETTING
              + " is set ("
              + prefix
              + "… as "
              + user
              + ") but PostGIS cannot be used there: "
              + e.getMessage(),
          e);
    }
    s.description = URL_SETTING + " (" + hostPorts + " as " + user + "), PostgreSQL " + s.versions;
    return s;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- (b) throwaway cluster

  private static Server throwawayCluster() throws Unavailable {
    Path bin = findBinDir(setting(BINDIR_SETTING));
    boolean root = isRoot();
    UserPrincipal postgresUser = null;
    if (root) {
      if (!Files.isExecutable(Path.of("/usr/sbin/runuser"))
          && !Files.isExecutable(Path.of("/sbin/runuser"))) {
        throw new Unavailable("running as root, and there is no runuser to run initdb as postgres");
      }
      try {
        postgresUser =
            Path.of("/")
                .getFileSystem()
                .getUserPrincipalLookupService()
                .lookupPrincipalByName("postgres");
      } catch (IOException e) {
        throw new Unavailable("running as root, and there is no 'postgres' OS user for initdb");
      }
    }
    Cluster.removeStale();
    Cluster cluster = new Cluster(bin, root);
    try {
      cluster.start(postgresUser);
    } catch (IOException e) {
      cluster.destroy();
      throw new Unavailable("could not start a throwaway cluster from " + bin + ": " + e);
    }
    Server s =
        new Server(
            db -> "jdbc:postgresql://127.0.0.1:" + cluster.port + "/" + db,
            "postgres",
            "postgres",
            "",
            false,
            cluster);
    try {
      s.prepare();
    } catch (SQLException e) {
      cluster.destroy();
      throw new Unavailable(
          "throwaway cluster from " + bin + " started, but CREATE EXTENSION postgis failed: " + e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::destroy, "zoneplan-pg-cleanup"));
    s.description = "throwaway cluster on port " + cluster.port + ", PostgreSQL " + s.versions;
    return s;
  }

  /** The directory with initdb and pg_ctl whose PostgreSQL has PostGIS, newest first. */
  static Path findBinDir(String override) throws Unavailable {
    List<Path> candidates = new ArrayList<>();
    if (override != null) {
      candidates.add(Path.of(override));
    } else {
      Path lib = Path.of("/usr/lib/postgresql");
      if (Files.isDirectory(lib)) {
        try (Stream<Path> versions = Files.list(lib)) {
          versions
              .sorted((a, b) -> compareVersionKeys(versionKey(b), versionKey(a)))
              .map(v -> v.resolve("bin"))
              .forEach(candidates::add);
        } catch (IOException e) {
          // fall through to PATH
        }
      }
      String path = System.getenv("PATH");
      if (path != null) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
          if (!dir.isEmpty()) {
            candidates.add(Path.of(dir));
          }
        }
      }
    }
    Path withoutPostgis = null;
    for (Path dir : candidates) {
      if (!Files.isExecutable(dir.resolve("initdb"))
          || !Files.isExecutable(dir.resolve("pg_ctl"))) {
        continue;
      }
      Boolean hasPostgis = hasPostgis(dir);
      if (hasPostgis == null || hasPostgis) {
        return dir;
      }
      if (withoutPostgis == null) {
        withoutPostgis = dir;
      }
    }
    if (withoutPostgis != null) {
      throw new Unavailable(
          "PostgreSQL at " + withoutPostgis + " has no PostGIS (no extension/postgis.control)");
    }
    throw new Unavailable(
        "no initdb/pg_ctl found in "
            + (override != null
                ? override + " (" + BINDIR_SETTING + ")"
                : "/usr/lib/postgresql/*/bin or PATH"));
  }

  /** Whether PostGIS is installed for the PostgreSQL in {@code bin}; null when unknown. */
  private static Boolean hasPostgis(Path bin) {
    Path pgConfig = bin.resolve("pg_config");
    if (!Files.isExecutable(pgConfig)) {
      return null;
    }
    try {
      Run r = run(List.of(pgConfig.toString(), "--sharedir"), null, 30);
      if (r.exit != 0) {
        return null;
      }
      return Files.exists(Path.of(r.output.trim(), "extension", "postgis.control"));
    } catch (IOException e) {
      return null;
    }
  }

  private static List<Integer> versionKey(Path versionDir) {
    List<Integer> key = new ArrayList<>();
    for (String part : versionDir.getFileName().toString().split("\\.")) {
      try {
        key.add(Integer.parseInt(part));
      } catch (NumberFormatException e) {
        key.add(-1);
      }
    }
    return key;
  }

  private static int compareVersionKeys(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      int x = i < a.size() ? a.get(i) : 0;
      int y = i < b.size() ? b.get(i) : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  private static boolean isRoot() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** One initdb'd data directory, owned by the postgres OS user when running as root. */
  private static final class Cluster {
    final Path bin;
    final boolean root;
    Path base;
    Path data;
    int port;

    Cluster(Path bin, boolean root) {
      this.bin = bin;
      this.root = root;
    }

    void start(UserPrincipal owner) throws IOException {
      base = Files.createTempDirectory(CLUSTER_DIR_PREFIX);
      Files.writeString(base.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
      if (owner != null) {
        Files.setOwner(base, owner);
      }
      data = base.resolve("data");
      Run init =
          pg(
              List.of(
                  "initdb",
                  "-D",
                  data.toString(),
                  "-A",
                  "trust",
                  "-U",
                  "postgres",
                  "-E",
                  "UTF8",
                  "--no-locale",
                  "-N"),
              120);
      if (init.exit != 0) {
        throw new IOException("initdb failed (exit " + init.exit + "): " + init.output.trim());
      }
      Path conf = data.resolve("postgresql.conf");
      Files.writeString(
          conf,
          String.join(
              "\n",
              "",
              "# zoneplan throwaway test cluster",
              "listen_addresses = '127.0.0.1'",
              "unix_socket_directories = '" + base + "'",
              "max_connections = 200",
              "fsync = off",
              "synchronous_commit = off",
              "full_page_writes = off",
              ""),
          java.nio.file.StandardOpenOption.APPEND);
      String lastFailure = "";
      for (int attempt = 0; attempt < 3; attempt++) {
        port = freePort();
        Files.writeString(conf, "port = " + port + "\n", java.nio.file.StandardOpenOption.APPEND);
        Run start =
            pg(
                List.of(
                    "pg_ctl",
                    "-D",
                    data.toString(),
                    "-l",
                    base.resolve("postgres.log").toString(),
                    "-w",
                    "-t",
                    "120",
                    "start"),
                180);
        if (start.exit == 0) {
          return;
        }
        lastFailure = start.output.trim() + "\n" + tail(base.resolve("postgres.log"));
      }
      throw new IOException("pg_ctl start failed: " + lastFailure);
    }

    Run pg(List<String> command, int timeoutSeconds) throws IOException {
      List<String> cmd = new ArrayList<>();
      if (root) {
        cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      cmd.add(bin.resolve(command.get(0)).toString());
      cmd.addAll(command.subList(1, command.size()));
      return run(cmd, base, timeoutSeconds);
    }

    /** Stops the server and deletes its directory; safe to call more than once. */
    synchronized void destroy() {
      if (base == null) {
        return;
      }
      try {
        if (data != null && Files.exists(data.resolve("postmaster.pid"))) {
          pg(List.of("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"), 60);
        }
      } catch (IOException e) {
        System.err.println("PostGIS for tests: could not stop throwaway cluster: " + e);
      }
      deleteTree(base);
      base = null;
    }

    /** Stops and deletes clusters left behind by JVMs that were killed. */
    static void removeStale() {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      try (Stream<Path> dirs = Files.list(tmp)) {
        for (Path dir :
            dirs.filter(d -> d.getFileName().toString().startsWith(CLUSTER_DIR_PREFIX)).toList()) {
          try {
            long owner = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE)).trim());
            if (ProcessHandle.of(owner).isPresent()) {
              continue;
            }
            Path pid = dir.resolve("data").resolve("postmaster.pid");
            if (Files.exists(pid)) {
              long postmaster = Long.parseLong(Files.readAllLines(pid).get(0).trim());
              ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroy);
              ProcessHandle.of(postmaster)
                  .ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
            }
            deleteTree(dir);
            System.err.println("PostGIS for tests: removed stale throwaway cluster " + dir);
          } catch (IOException | RuntimeException e) {
            // not ours, or still in use: leave it
          }
        }
      } catch (IOException e) {
        // nothing to clean
      }
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private record Run(int exit, String output) {}

  /** Runs a command with output to a file (a started postmaster must not hold our pipe). */
  private static Run run(List<String> command, Path dir, int timeoutSeconds) throws IOException {
    Path out = Files.createTempFile("zoneplan-pg-cmd", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.redirectOutput(out.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("PG"));
      env.put("LC_ALL", "C");
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " timed out");
      }
      return new Run(p.exitValue(), Files.readString(out));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  // ---------------------------------------------------------------- databases

  private interface UrlFor {
    String url(String database);
  }

  /** A PostGIS-capable server with a per-JVM template database that already has PostGIS. */
  private static final class Server {
    final UrlFor urlFor;
    final String adminDb;
    final String user;
    final String password;
    final boolean dropOnExit;
    final Cluster cluster;
    final List<String> created = new ArrayList<>();
    final Map<String, String> names = new java.util.HashMap<>(); // JDBC URL → database
    String template;
    String versions;
    String description;

    Server(
        UrlFor urlFor,
        String adminDb,
        String user,
        String password,
        boolean dropOnExit,
        Cluster cluster) {
      this.urlFor = urlFor;
      this.adminDb = adminDb;
      this.user = user;
      this.password = password;
      this.dropOnExit = dropOnExit;
      this.cluster = cluster;
    }

    Connection connect(String db) throws SQLException {
      Properties props = new Properties();
      props.setProperty("user", user);
      props.setProperty("password", password);
      props.setProperty("connectTimeout", "15");
      props.setProperty("ApplicationName", "zoneplan-tests");
      return DriverManager.getConnection(urlFor.url(db), props);
    }

    /** Creates the template database with PostGIS; fails if PostGIS cannot be installed. */
    void prepare() throws SQLException {
      if (dropOnExit) {
        dropStale();
      }
      template = uniqueName("template");
      try (Connection c = connect(adminDb);
          Statement st = c.createStatement()) {
        // UTF-8 with C.UTF-8 character classes whatever the cluster's defaults, so that every
        // server behaves alike (template0 allows any encoding); plain C where C.UTF-8 is missing.
        String create =
            "CREATE DATABASE " + quote(template) + " TEMPLATE template0 ENCODING 'UTF8'";
        try {
          st.execute(create + " LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'");
        } catch (SQLException e) {
          st.execute(create + " LC_COLLATE 'C' LC_CTYPE 'C'");
        }
        created.add(template);
        if (dropOnExit) {
          Runtime.getRuntime().addShutdownHook(new Thread(this::dropAll, "zoneplan-pg-drop"));
          st.execute("COMMENT ON DATABASE " + quote(template) + " IS " + literal(ownerComment()));
        }
      }
      try (Connection c = connect(template);
          Statement st = c.createStatement()) {
        st.execute("CREATE EXTENSION IF NOT EXISTS postgis");
        try (ResultSet rs =
            st.executeQuery("SELECT current_setting('server_version'), postgis_lib_version()")) {
          rs.next();
          versions = rs.getString(1) + ", PostGIS " + rs.getString(2);
        }
      }
    }

    synchronized Database createDatabase(String purpose) {
      return createDatabase(purpose, template);
    }

    synchronized Database createDatabase(String purpose, Database from) {
      String source = names.get(from.jdbcUrl());
      if (source == null) {
        throw new IllegalArgumentException("not a test database of this JVM: " + from);
      }
      return createDatabase(purpose, source);
    }

    private synchronized Database createDatabase(String purpose, String template) {
      String name = uniqueName(purpose);
      try (Connection c = connect(adminDb);
          Statement st = c.createStatement()) {
        for (int attempt = 0; ; attempt++) {
          try {
            st.execute("CREATE DATABASE " + quote(name) + " TEMPLATE " + quote(template));
            break;
          } catch (SQLException e) {
            // 55006: the template is briefly "being accessed by other users"
            if (!"55006".equals(e.getSQLState()) || attempt >= 5) {
              throw e;
            }
            Thread.sleep(500);
          }
        }
        if (dropOnExit) {
          st.execute("COMMENT ON DATABASE " + quote(name) + " IS " + literal(ownerComment()));
        }
      } catch (SQLException e) {
        throw new IllegalStateException("could not create test database " + name, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      created.add(name);
      names.put(urlFor.url(name), name);
      return new Database(urlFor.url(name), user, password);
    }

    synchronized Database recreate(String name, long owner) {
      if (!name.matches(DB_PREFIX + "[a-z0-9_]{1,40}")) {
        throw new IllegalArgumentException("not a test database name: " + name);
      }
      try (Connection c = connect(adminDb);
          Statement st = c.createStatement()) {
        drop(st, name);
        st.execute("CREATE DATABASE " + quote(name) + " TEMPLATE " + quote(template));
        st.execute(
            "COMMENT ON DATABASE "
                + quote(name)
                + " IS "
                + literal("zoneplan-test pid=" + owner + " host=" + hostName()));
      } catch (SQLException e) {
        throw new IllegalStateException("could not create test database " + name, e);
      }
      names.put(urlFor.url(name), name);
      return new Database(urlFor.url(name), user, password);
    }

    synchronized Database known(String name) {
      names.put(urlFor.url(name), name);
      return new Database(urlFor.url(name), user, password);
    }

    /** Drops this JVM's databases (only on a server that outlives the JVM). */
    synchronized void dropAll() {
      try (Connection c = connect(adminDb);
          Statement st = c.createStatement()) {
        for (String db : created) {
          drop(st, db);
        }
      } catch (SQLException e) {
        System.err.println("PostGIS for tests: could not drop test databases: " + e.getMessage());
      }
      created.clear();
    }

    /** Drops test databases of JVMs on this host that are gone (killed before their cleanup). */
    void dropStale() throws SQLException {
      String marker = "zoneplan-test pid=";
      String host = " host=" + hostName();
      List<String> stale = new ArrayList<>();
      try (Connection c = connect(adminDb);
          Statement st = c.createStatement()) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT d.datname, shobj_description(d.oid, 'pg_database') FROM pg_database d"
                    + " WHERE d.datname LIKE 'zoneplan\\_test\\_%'")) {
          while (rs.next()) {
            String comment = rs.getString(2);
            if (comment == null || !comment.startsWith(marker) || !comment.endsWith(host)) {
              continue;
            }
            try {
              long pid =
                  Long.parseLong(
                      comment.substring(marker.length(), comment.indexOf(' ', marker.length())));
              if (ProcessHandle.of(pid).isEmpty()) {
                stale.add(rs.getString(1));
              }
            } catch (RuntimeException e) {
              // unknown format: leave it
            }
          }
        }
        for (String db : stale) {
          drop(st, db);
        }
      }
    }

    private static void drop(Statement st, String db) {
      try {
        st.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                + literal(db));
        st.execute("DROP DATABASE IF EXISTS " + quote(db));
      } catch (SQLException e) {
        System.err.println("PostGIS for tests: could not drop " + db + ": " + e.getMessage());
      }
    }

    private String uniqueName(String purpose) {
      String word = purpose == null ? "" : purpose.toLowerCase(Locale.ROOT);
      word = word.replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
      if (word.isEmpty()) {
        word = "db";
      }
      String suffix = "_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
      int room = MAX_IDENTIFIER - DB_PREFIX.length() - suffix.length();
      return DB_PREFIX + word.substring(0, Math.min(word.length(), room)) + suffix;
    }

    /** Comment on each database created; dropStale finds leftovers by it. */
    private String ownerComment() {
      return "zoneplan-test pid=" + ProcessHandle.current().pid() + " host=" + hostName();
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** No PostGIS server could be had, for the reason in the message. */
  static final class Unavailable extends Exception {
    Unavailable(String reason) {
      super(reason);
    }
  }
}
