import BotpoolManifest
import Foundation
import Testing

/// What `botpool validate` prints and how it exits, from the same functions the command calls.
@Suite struct ValidationReportTests {
    @Test func invalidSetRendersEveryDiagnosticAndASummary() {
        let set = Fixtures.load(Fixtures.bot("  comand: [x]\n  state: paused\n"))
        let report = ValidationReport(set)
        #expect(report.text == """
            m.yaml:8:3: error: spec.comand: unknown field "comand"; did you mean "command"?
            m.yaml:9:10: error: spec.state: invalid value "paused"; must be one of running, stopped
            2 errors, 0 warnings in 2 files (1 pool class, 1 bot)
            """)
        #expect(report.exitCode == 1)
    }

    @Test func validSetRendersASummaryLine() {
        let report = ValidationReport(Fixtures.load(Fixtures.bot()))
        #expect(report.text == "valid: 2 files, 1 pool class, 1 bot")
        #expect(report.exitCode == 0)
    }

    @Test func warningsAloneStayValid() {
        let report = ValidationReport(Fixtures.load(Fixtures.poolClass("  maxPools: 2\n  warmPools: 3\n")))
        #expect(report.text == """
            m.yaml:9:14: warning: spec.warmPools: warmPools 3 exceeds maxPools 2
            valid: 2 files, 2 pool classes, 0 bots (1 warning)
            """)
        #expect(report.exitCode == 0)
    }

    @Test func jsonHasStableFieldNames() throws {
        let report = ValidationReport(Fixtures.load(Fixtures.bot("  state: paused\n")))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == false)
        #expect(object["files"] as? Int == 2)
        #expect(object["poolClasses"] as? Int == 1)
        #expect(object["bots"] as? Int == 1)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        let first = try #require(diagnostics.first)
        #expect(first["severity"] as? String == "error")
        #expect(first["file"] as? String == "m.yaml")
        #expect(first["line"] as? Int == 8)
        #expect(first["column"] as? Int == 10)
        #expect(first["path"] as? String == "spec.state")
        #expect((first["message"] as? String)?.hasPrefix("invalid value \"paused\"") == true)
        #expect(try JSONDecoder().decode(ValidationReport.self, from: Data(report.json.utf8)) == report)
    }

    @Test func fromFileValuesAreNeverRead() {
        let set = Fixtures.load(Fixtures.bot("  env: {KEY: {fromFile: /nonexistent/secret}}\n"))
        #expect(set.isValid)
        #expect(!ValidationReport(set).text.contains("secret-contents"))
    }
}
