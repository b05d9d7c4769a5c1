import CCurl
import Foundation

/// One blocking request on one easy handle. Runs on a `BlockingExecutor` thread only.
struct CurlTransfer {
    let endpoint: HTTPEndpoint
    let request: HTTPRequest
    var networkNamespace: String?

    func perform() throws(TransportError) -> HTTPResponse {
        // Made before the handle so it is freed after it (defers run in reverse).
        let namespacePath = networkNamespace.flatMap { strdup($0) }
        defer { free(namespacePath) }
        guard CurlLibrary.ensureInitialized(), let handle = curl_easy_init() else {
            throw .libcurlUnavailable("curl_easy_init failed")
        }
        defer { curl_easy_cleanup(handle) }
        if let namespacePath, botpool_curl_open_sockets_in_namespace(handle, namespacePath) != CURLE_OK {
            throw .libcurlUnavailable("this libcurl cannot open sockets through a callback")
        }
        let sink = CurlResponseSink(limit: max(request.maxResponseBytes, 0))
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for line in headerLines() {
            headerList = curl_slist_append(headerList, line)
        }
        let body = request.body ?? Data()
        // One spare byte so the body pointer is never null, even for an empty body: with a null
        // CURLOPT_POSTFIELDS curl would read the body from stdin.
        let storage = body + [0]
        let code: CURLcode = storage.withUnsafeBytes { storageBytes in
            let bodyBytes = UnsafeRawBufferPointer(rebasing: storageBytes[0..<body.count])
            return errorBuffer.withUnsafeMutableBufferPointer { errorBytes in
                withExtendedLifetime(sink) {
                    configure(handle, sink: sink, headers: headerList, body: bodyBytes, errorBuffer: errorBytes.baseAddress)
                    return curl_easy_perform(handle)
                }
            }
        }
        guard code == CURLE_OK || (code == CURLE_WRITE_ERROR && sink.truncated) else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw failure(code, handle: handle, detail: detail)
        }
        var status = 0
        _ = botpool_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body, truncated: sink.truncated)
    }

    private func headerLines() -> [String] {
        var lines = request.headers.map { "\($0.key): \($0.value)" }
        // curl would otherwise send `Expect: 100-continue` for larger bodies and wait up to a
        // second for a reply that supervisord's HTTP server never sends.
        lines.append("Expect:")
        return lines
    }

    private func configure(
        _ handle: UnsafeMutableRawPointer, sink: CurlResponseSink, headers: UnsafeMutablePointer<curl_slist>?,
        body: UnsafeRawBufferPointer, errorBuffer: UnsafeMutablePointer<CChar>?
    ) {
        _ = botpool_curl_set_string(handle, CURLOPT_URL, endpoint.url(path: request.path))
        _ = botpool_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        // An empty proxy disables http_proxy and friends: probes and sockets are always direct.
        _ = botpool_curl_set_string(handle, CURLOPT_PROXY, "")
        _ = botpool_curl_set_long(handle, CURLOPT_TIMEOUT_MS, request.timeout.milliseconds)
        let connect = request.connectTimeout ?? request.timeout
        _ = botpool_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, connect.milliseconds)
        _ = botpool_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = botpool_curl_set_slist(handle, CURLOPT_HTTPHEADER, headers)
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        _ = botpool_curl_set_data_callback(handle, CURLOPT_WRITEFUNCTION, CurlResponseSink.writeBody)
        _ = botpool_curl_set_pointer(handle, CURLOPT_WRITEDATA, sinkPointer)
        _ = botpool_curl_set_data_callback(handle, CURLOPT_HEADERFUNCTION, CurlResponseSink.writeHeader)
        _ = botpool_curl_set_pointer(handle, CURLOPT_HEADERDATA, sinkPointer)
        configureMethod(handle, body: body)
        configureEndpoint(handle)
    }

    private func configureMethod(_ handle: UnsafeMutableRawPointer, body: UnsafeRawBufferPointer) {
        switch request.method {
        case .get where request.body == nil:
            _ = botpool_curl_set_long(handle, CURLOPT_HTTPGET, 1)
        case .head:
            _ = botpool_curl_set_long(handle, CURLOPT_NOBODY, 1)
        default:
            if request.body != nil || request.method == .post || request.method == .put {
                _ = botpool_curl_set_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                _ = botpool_curl_set_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: body.baseAddress))
            }
            if request.method != .post {
                _ = botpool_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue)
            }
        }
    }

    private func configureEndpoint(_ handle: UnsafeMutableRawPointer) {
        switch endpoint {
        case .unixSocket(let path):
            _ = botpool_curl_set_string(handle, CURLOPT_UNIX_SOCKET_PATH, path)
        case .http:
            break
        case .https(_, _, let tls):
            if let path = tls.certificatePath { _ = botpool_curl_set_string(handle, CURLOPT_SSLCERT, path) }
            if let path = tls.keyPath { _ = botpool_curl_set_string(handle, CURLOPT_SSLKEY, path) }
            if let path = tls.caPath { _ = botpool_curl_set_string(handle, CURLOPT_CAINFO, path) }
            _ = botpool_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, tls.verifyPeer ? 1 : 0)
            _ = botpool_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, tls.verifyPeer ? 2 : 0)
        }
    }

    private func failure(_ code: CURLcode, handle: UnsafeMutableRawPointer, detail: String) -> TransportError {
        let name = endpoint.description + (networkNamespace.map { " (in network namespace \($0))" } ?? "")
        var osErrno = 0
        _ = botpool_curl_get_long(handle, CURLINFO_OS_ERRNO, &osErrno)
        let words = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_COULDNT_CONNECT:
            return .cannotConnect(endpoint: name, reason: Self.connectFailure(errno: Int32(osErrno), detail: words))
        case CURLE_COULDNT_RESOLVE_HOST:
            return .cannotConnect(endpoint: name, reason: .unresolvedHost)
        case CURLE_OPERATION_TIMEDOUT:
            var connectTime = 0.0
            _ = botpool_curl_get_double(handle, CURLINFO_CONNECT_TIME, &connectTime)
            return .timedOut(endpoint: name, after: request.timeout, whileConnecting: connectTime == 0)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND:
            return .tls(endpoint: name, detail: words)
        default:
            return .transfer(endpoint: name, detail: words)
        }
    }

    private static func connectFailure(errno: Int32, detail: String) -> TransportError.ConnectFailure {
        switch errno {
        case ENOENT: .noSuchFile
        case ECONNREFUSED: .refused
        case EACCES, EPERM: .permissionDenied
        default: .other(detail)
        }
    }
}
