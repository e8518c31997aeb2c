package org.zoneplan.exchange;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload over {@code spring.servlet.multipart.max-file-size} as a zoneplan problem (413), before
 * the general advice answers it with a problem of type {@code about:blank}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ExchangeProblemAdvice {
  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.PAYLOAD_TOO_LARGE,
            "the upload is larger than allowed"
                + (e.getMaxUploadSize() > 0
                    ? " (" + e.getMaxUploadSize() / (1024 * 1024) + " MB)"
                    : "")
                + "; nothing was read");
    body.setType(URI.create("urn:zoneplan:problem:upload-too-large"));
    body.setTitle("Upload too large");
    return body;
  }
}
