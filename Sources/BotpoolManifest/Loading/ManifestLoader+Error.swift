extension ManifestLoader {
    /// What stops loading altogether. Problems inside files are diagnostics, not errors.
    public enum Error: Swift.Error, CustomStringConvertible, Equatable {
        case pathNotFound(String)

        public var description: String {
            switch self {
            case .pathNotFound(let path): return "manifest path \(path) does not exist"
            }
        }
    }
}
