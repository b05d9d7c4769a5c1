import BotpoolManifest
import Foundation
import Testing

@Suite struct DirectoryLoadingTests {
    func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func walksYAMLFilesAndIgnoresDotEntriesAndOtherFiles() throws {
        try Fixtures.withTemporaryDirectory { root in
            try write(Fixtures.quickClass, to: root.appendingPathComponent("classes.yaml"))
            try write(Fixtures.bot(), to: root.appendingPathComponent("team/deep/bot.yml"))
            try write("not: [yaml", to: root.appendingPathComponent(".git/config.yaml"))
            try write("not: [yaml", to: root.appendingPathComponent(".hidden.yaml"))
            try write("notes, not a manifest: [", to: root.appendingPathComponent("notes.txt"))
            let set = try ManifestLoader().load(paths: [root.path])
            #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
            #expect(set.sourceFiles == [root.path + "/classes.yaml", root.path + "/team/deep/bot.yml"])
            #expect(set.bots.map(\.name) == ["b"])
            #expect(set.bots.first?.source.file == root.path + "/team/deep/bot.yml")
        }
    }

    /// A manifest author's `ln -s / hostroot` must not make the controller walk the host (or
    /// print what it finds there); links that stay inside, as git-sync and ConfigMaps make, work.
    @Test func symlinksOutOfTheDirectoryAreRefusedAndInsideOnesFollowed() throws {
        try Fixtures.withTemporaryDirectory { scratch in
            let root = scratch.appendingPathComponent("manifests")
            let outside = scratch.appendingPathComponent("elsewhere")
            try write(Fixtures.quickClass, to: root.appendingPathComponent("..2026_11_30/classes.yaml"))
            try write(Fixtures.bot(), to: outside.appendingPathComponent("secret.yaml"))
            let links = FileManager.default
            try links.createSymbolicLink(atPath: root.appendingPathComponent("..data").path, withDestinationPath: "..2026_11_30")
            try links.createSymbolicLink(atPath: root.appendingPathComponent("classes.yaml").path,
                                         withDestinationPath: "..data/classes.yaml")
            try links.createSymbolicLink(atPath: root.appendingPathComponent("hostroot").path, withDestinationPath: "/")
            try links.createSymbolicLink(atPath: root.appendingPathComponent("stolen.yaml").path,
                                         withDestinationPath: outside.appendingPathComponent("secret.yaml").path)
            let set = try ManifestLoader().load(paths: [root.path])
            #expect(set.poolClasses.map(\.name) == ["quick"])
            #expect(set.bots.isEmpty)
            #expect(set.errors.map(\.description) == [
                "\(root.path)/hostroot:1:1: error: symlink leads out of the manifests directory; not read",
                "\(root.path)/stolen.yaml:1:1: error: symlink leads out of the manifests directory; not read",
            ])
            #expect(set.hasUnattributedErrors, "what the refused links declare is unknown: nothing may be removed")
        }
    }

    @Test func emptyDirectoryIsValidWithNoBots() throws {
        try Fixtures.withTemporaryDirectory { root in
            let set = try ManifestLoader().load(paths: [root.path])
            #expect(set.isValid)
            #expect(set.bots.isEmpty && set.poolClasses.isEmpty && set.sourceFiles.isEmpty)
            #expect(!set.hasUnattributedErrors)
        }
    }

    @Test func missingPathIsAnError() {
        #expect(throws: ManifestLoader.Error.pathNotFound("/nonexistent/botpool")) {
            try ManifestLoader().load(paths: ["/nonexistent/botpool"])
        }
    }

    @Test func relativePathsStayRelativeInDiagnostics() throws {
        try Fixtures.withTemporaryDirectory { root in
            try write("kind: Bott\n", to: root.appendingPathComponent("m/bad.yaml"))
            // Relative to the working directory without changing it (tests run in parallel).
            let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
            let relative = String(repeating: "../", count: depth) + root.path.dropFirst() + "/m"
            let set = try ManifestLoader().load(paths: [relative])
            // missing apiVersion, metadata and spec (the table's required fields), unknown kind
            #expect(set.diagnostics.map(\.location.file) == Array(repeating: relative + "/bad.yaml", count: 4))
        }
    }

    @Test func explicitFileIsReadWhateverItsName() throws {
        try Fixtures.withTemporaryDirectory { root in
            let file = root.appendingPathComponent("class.txt")
            try write(Fixtures.quickClass, to: file)
            let set = try ManifestLoader().load(paths: [file.path])
            #expect(set.poolClasses.map(\.name) == ["quick"])
        }
    }

    @Test func defaultDirectoryHonoursTheEnvironment() {
        #expect(ManifestLoader.defaultDirectory(environment: [:]) == "./manifests")
        #expect(ManifestLoader.defaultDirectory(environment: ["BOTPOOL_MANIFESTS": ""]) == "./manifests")
        #expect(ManifestLoader.defaultDirectory(environment: ["BOTPOOL_MANIFESTS": "/srv/m"]) == "/srv/m")
    }
}
