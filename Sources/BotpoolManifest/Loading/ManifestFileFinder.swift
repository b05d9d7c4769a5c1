import Foundation

/// Lists the manifest files under the given paths: `*.yaml` and `*.yml` below directories,
/// skipping dot-files and dot-directories (`.git`, Kubernetes' `..data`). A path named
/// explicitly is taken whatever its name. Paths keep the form the caller gave them.
///
/// Below a directory, a symlink is followed only while it resolves inside that directory (a
/// git-sync or ConfigMap layout does): one pointing out of it (`ln -s / hostroot`) is refused
/// and reported, and nothing behind it is read, so a manifest author cannot make the
/// controller walk or print the host.
struct ManifestFileFinder {
    let fileManager = FileManager.default

    struct Found {
        var files: [String] = []
        /// Paths refused because they resolve outside the directory that was asked for.
        var refused: [Diagnostic] = []
    }

    func files(under paths: [String]) throws(ManifestLoader.Error) -> Found {
        var found = Found()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .pathNotFound(path)
            }
            if isDirectory.boolValue {
                var visited: Set<String> = []
                let root = Self.realPath(path)
                walk(path, root: root, into: &found, visited: &visited)
            } else {
                found.files.append(path)
            }
        }
        return found
    }

    private func walk(_ directory: String, root: String, into found: inout Found, visited: inout Set<String>) {
        // Symlinked directories are followed once, so a link loop cannot recurse forever.
        let real = Self.realPath(directory)
        guard visited.insert(real).inserted,
              let names = try? fileManager.contentsOfDirectory(atPath: directory)
        else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let isManifest = name.hasSuffix(".yaml") || name.hasSuffix(".yml")
            guard isDirectory.boolValue || isManifest else { continue }
            let target = Self.realPath(path)
            guard target == root || target.hasPrefix(root == "/" ? "/" : root + "/") else {
                found.refused.append(Diagnostic(
                    .error, SourceLocation(file: path, line: 1, column: 1), path: "",
                    "symlink leads out of the manifests directory; not read"))
                continue
            }
            if isDirectory.boolValue {
                walk(path, root: root, into: &found, visited: &visited)
            } else {
                found.files.append(path)
            }
        }
    }

    static func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}
