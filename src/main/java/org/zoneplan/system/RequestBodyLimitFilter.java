package org.zoneplan.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over its limit with 413 and a problem naming the limit and its property:
 * {@code zoneplan.limits.max-import-body-size} for {@code /api/import}, {@code
 * zoneplan.limits.max-body-size} for every other endpoint. A declared {@code Content-Length} over
 * the limit is refused before anything is read; a body without one (chunked) is counted as it is
 * read, and reading stops with {@link BodyTooLargeException} at the limit, which {@link
 * ProblemAdvice} answers the same way.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {
  static final String IMPORT_PATH = "/api/import";
  private final LimitsProperties limits;

  RequestBodyLimitFilter(LimitsProperties limits) {
    this.limits = limits;
  }

  /** Thrown by the counting stream when a body without Content-Length passes its limit. */
  public static final class BodyTooLargeException extends IOException {
    private final long max;
    private final String property;

    BodyTooLargeException(long max, String property) {
      super("the request body is larger than " + max + " bytes (" + property + ")");
      this.max = max;
      this.property = property;
    }

    public long max() {
      return max;
    }

    public String property() {
      return property;
    }
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean upload = path.equals(IMPORT_PATH);
    long max = (upload ? limits.maxImportBodySize() : limits.maxBodySize()).toBytes();
    String property =
        upload ? "zoneplan.limits.max-import-body-size" : "zoneplan.limits.max-body-size";
    long declared = request.getContentLengthLong();
    if (declared > max) {
      tooLarge(response, max, property);
      return;
    }
    chain.doFilter(declared >= 0 ? request : new Counting(request, max, property), response);
  }

  static void tooLarge(HttpServletResponse response, long max, String property) throws IOException {
    // Written here, before Spring MVC: the same fields as ProblemAdvice's problem.
    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Connection", "close");
    response
        .getWriter()
        .write(
            "{\"type\":\"urn:zoneplan:problem:body-too-large\",\"title\":\"Request body too"
                + " large\",\"status\":413,\"detail\":\"the request body is larger than "
                + max
                + " bytes ("
                + property
                + "); nothing was read\",\"limit\":\"body-size\",\"max\":"
                + max
                + ",\"property\":\""
                + property
                + "\"}");
  }

  /** A request whose body stream stops at {@code max} bytes. */
  private static final class Counting extends HttpServletRequestWrapper {
    private final long max;
    private final String property;
    private ServletInputStream stream;

    Counting(HttpServletRequest request, long max, String property) {
      super(request);
      this.max = max;
      this.property = property;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long count;

              private int counted(int n) throws IOException {
                if (n > 0) {
                  count += n;
                  if (count > max) {
                    throw new BodyTooLargeException(max, property);
                  }
                }
                return n;
              }

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                  counted(1);
                }
                return b;
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                return counted(in.read(b, off, len));
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }
  }
}
