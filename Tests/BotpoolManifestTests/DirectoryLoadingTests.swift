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
            #expect(set.diagnostics.map(\.location.file) == [relative + "/bad.yaml", relative + "/bad.yaml"])
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
