import CCurl
import Foundation

/// Process-wide libcurl state. `curl_global_init` is not thread-safe and must run once, before
/// any handle exists; a `static let` gives exactly that.
public enum CurlLibrary {
    private static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// Initialises libcurl if it was not yet; false if libcurl refused.
    @discardableResult
    public static func ensureInitialized() -> Bool { initialized }

    /// The linked libcurl's version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.x ...`.
    public static var version: String {
        ensureInitialized()
        guard let text = curl_version() else { return "unknown" }
        return String(cString: text)
    }
}
