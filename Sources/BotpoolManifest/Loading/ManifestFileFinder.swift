import Foundation

/// Lists the manifest files under the given paths: `*.yaml` and `*.yml` below directories,
/// skipping dot-files and dot-directories (`.git`, Kubernetes' `..data`). A path named
/// explicitly is taken whatever its name. Paths keep the form the caller gave them.
struct ManifestFileFinder {
    let fileManager = FileManager.default

    func files(under paths: [String]) throws(ManifestLoader.Error) -> [String] {
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .pathNotFound(path)
            }
            if isDirectory.boolValue {
                var visited: Set<String> = []
                walk(path, into: &result, visited: &visited)
            } else {
                result.append(path)
            }
        }
        return result
    }

    private func walk(_ directory: String, into result: inout [String], visited: inout Set<String>) {
        // Symlinked directories are followed once, so a link loop cannot recurse forever.
        let real = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        guard visited.insert(real).inserted,
              let names = try? fileManager.contentsOfDirectory(atPath: directory)
        else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                walk(path, into: &result, visited: &visited)
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                result.append(path)
            }
        }
    }
}
