package io.cardops.portal.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The size limit of a request body that is not a multipart upload (a JSON body of the
 * API, a page's form): {@code cardops.http.max-body}. A body that says it is larger is
 * answered 413 before anything reads it; one that does not say (chunked) stops being read
 * at the limit. Multipart uploads have their own limit, {@code cardops.http.max-upload}
 * (PortalWebConfiguration), at the addresses that take one.
 */
final class BodyLimit extends OncePerRequestFilter {

	/** The addresses that take an upload (a roster file), under the upload's limit. */
	static final Set<String> UPLOADS = Set.of("/api/rosters", "/university/rosters");

	private final long limit;

	/**
	 * Creates the filter.
	 * @param limit the largest body that is not a multipart upload
	 */
	BodyLimit(long limit) {
		this.limit = limit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		if (type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)
				&& UPLOADS.contains(request.getRequestURI().substring(request.getContextPath().length()))) {
			// An upload has its own limit where its parts are read, and its refusal is
			// audited there (PortalWebConfiguration, BrokenUploadAudit). A multipart body
			// sent anywhere else (the sign-in form, signed out) is a body as any other:
			// it used to be read up to the upload's 50 MB.
			chain.doFilter(request, response);
			return;
		}
		if (request.getContentLengthLong() > this.limit) {
			// Refused ahead of the security filters, which write these on other answers.
			ServerRefusals.securityHeaders(response);
			response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
			return;
		}
		chain.doFilter((request.getContentLengthLong() < 0) ? new Limited(request, this.limit) : request, response);
	}

	/** A request whose body of unknown length ends in an error past the limit. */
	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new Counted(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(),
					(encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8));
		}

	}

	private static final class Counted extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long read;

		Counted(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			this.read += n;
			if (this.read > this.limit) {
				throw new IOException(
						"the request body is larger than cardops.http.max-body (" + this.limit + " bytes)");
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
