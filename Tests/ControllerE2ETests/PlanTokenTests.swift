import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// `botpool diff --out` then `botpool apply-plan` with the real binary and Docker: the saved
    /// plan runs while nothing moved, and is refused, naming the change, after a manifest edit.
    @Suite struct PlanToken {
        @Test func aSavedPlanRunsThenARefusedOneNamesTheChange() async throws {
            try await Fixture.with(class: "e2eplan", basePort: 19720) { fixture in
                try fixture.writeBot("kept")
                let planFile = fixture.root.appendingPathComponent("plan.json").path
                let saved = try fixture.diff(["--out", planFile])
                #expect(saved.status == 1, "diff --out:\n\(saved.stdout)\(saved.stderr)")
                #expect(try fixture.pools().isEmpty, "diff --out created pools")
                let text = try String(contentsOfFile: planFile, encoding: .utf8)
                #expect(text.contains("\"token\" : \"sha256:") && text.contains("bot alpha/kept"), "\(text)")

                let applied = try Command.run(fixture.botpool, ["apply-plan", planFile] + fixture.common)
                #expect(applied.status == 0, "apply-plan:\n\(applied.stdout)\(applied.stderr)")
                #expect(applied.stdout.contains("placeBot") && applied.stdout.contains("alpha/kept"), "\(applied.stdout)")
                #expect(try await fixture.programs()["kept"] != nil, "apply-plan did not place the bot")
                #expect(try fixture.diff().status == 0, "apply-plan left work undone")

                // Reviewed, then the manifests moved before the apply: nothing runs.
                try fixture.writeBot("late")
                let reviewed = try fixture.diff(["--out", planFile])
                #expect(reviewed.status == 1)
                try fixture.writeBot("late", greeting: "changed after review")
                let refused = try Command.run(fixture.botpool, ["apply-plan", planFile] + fixture.common)
                #expect(refused.status == 1, "apply-plan after a change:\n\(refused.stdout)\(refused.stderr)")
                #expect(refused.stderr.contains("~ bot alpha/late: "), "\(refused.stderr)")
                #expect(try await fixture.programs()["late"] == nil, "a refused plan placed a bot")

                // An edited file is an error, not a refusal.
                let edited = try String(contentsOfFile: planFile, encoding: .utf8).replacingOccurrences(of: "alpha/late", with: "alpha/lat3")
                try edited.write(toFile: planFile, atomically: true, encoding: .utf8)
                let tampered = try Command.run(fixture.botpool, ["apply-plan", planFile] + fixture.common)
                #expect(tampered.status == 2 && tampered.stderr.contains("edited"), "\(tampered.stderr)")
            }
        }
    }
}
