import DockerTestSupport
import Foundation
import Testing

/// `make install DESTDIR=… PREFIX=… CONFIG=debug`: the layout packagers rely on. The debug build
/// is the one `swift build` already made, so only the man page and the copies are new work.
/// `swift test` holds `.build`'s lock while the tests run, so the nested SwiftPM calls take
/// `--ignore-lock`: they build nothing the running tests use.
@Suite struct MakeInstallTests {
    static let installed = [
        "bin/botpool",
        "share/bash-completion/completions/botpool",
        "share/zsh/site-functions/_botpool",
        "share/fish/vendor_completions.d/botpool.fish",
        "share/man/man1/botpool.1",
    ]

    @Test func installPutsTheBinaryCompletionsAndManPageBelowDestdirAndPrefix() throws {
        let destdir = NSTemporaryDirectory() + "botpool-install-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: destdir) }
        let make = try Command.run("make", ["-C", Botpool.packageRoot.path, "install", "DESTDIR=\(destdir)", "PREFIX=/opt/botpool",
                                            "CONFIG=debug", "SWIFTPM_FLAGS=--ignore-lock"])
        #expect(make.status == 0, "make install exited \(make.status):\n\(make.stdout)\(make.stderr)")
        for path in Self.installed {
            #expect(FileManager.default.fileExists(atPath: destdir + "/opt/botpool/" + path), "\(path) not installed")
        }
        #expect(FileManager.default.isExecutableFile(atPath: destdir + "/opt/botpool/bin/botpool"))
        let page = try String(contentsOfFile: destdir + "/opt/botpool/share/man/man1/botpool.1", encoding: .utf8)
        #expect(page.contains(".Dt BOTPOOL 1") && page.contains("restart"), "\(page.prefix(400))")
        let version = try Command.run(destdir + "/opt/botpool/bin/botpool", ["--help"])
        #expect(version.status == 0 && version.stdout.contains("USAGE: botpool"))
    }
}
