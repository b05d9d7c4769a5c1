/// Client certificate and trust settings for an https endpoint (a remote Docker engine with
/// `--tlsverify`). Paths are PEM files; nil uses libcurl's defaults (system CA store, no client
/// certificate).
public struct TLSOptions: Sendable, Hashable {
    public var certificatePath: String?
    public var keyPath: String?
    public var caPath: String?
    /// Off only for testing against self-signed engines; never the default.
    public var verifyPeer: Bool

    public init(certificatePath: String? = nil, keyPath: String? = nil, caPath: String? = nil, verifyPeer: Bool = true) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.caPath = caPath
        self.verifyPeer = verifyPeer
    }

    /// Docker's convention: `ca.pem`, `cert.pem` and `key.pem` in `DOCKER_CERT_PATH`.
    public init(dockerCertPath directory: String) {
        self.init(
            certificatePath: directory + "/cert.pem",
            keyPath: directory + "/key.pem",
            caPath: directory + "/ca.pem"
        )
    }
}
