import Foundation

/// One manifest file's bytes and the path diagnostics name it by.
public struct ManifestSource: Sendable {
    public var path: String
    public var contents: Data
    /// With `--tenant-dirs`: the directory right below the manifests directory that holds this
    /// file, i.e. the only tenant it may declare Bots of. nil for files at the top (the operator's).
    public var tenantDirectory: String?

    public init(path: String, contents: Data, tenantDirectory: String? = nil) {
        self.path = path
        self.contents = contents
        self.tenantDirectory = tenantDirectory
    }

    public init(path: String, text: String, tenantDirectory: String? = nil) {
        self.init(path: path, contents: Data(text.utf8), tenantDirectory: tenantDirectory)
    }
}
