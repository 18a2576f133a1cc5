@testable import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import Testing
import TestSupport

/// `ScenarioRoot.resolve`, the one check of every file a scenario names: inside the root (written out and with
/// symbolic links followed) or refused, and the decoder and runner use it for units, recipients, policy files and
/// recipients' POLICY files.
@Suite struct ScenarioRootTests {
    /// A root folder with a file, a folder beside it outside the root with a file, and links, in a temporary folder
    /// removed with the layout.
    struct Layout {
        let folder: TemporaryFolder
        let base: URL, root: URL, inside: URL, outside: URL
        init() throws {
            folder = try TemporaryFolder("cordmatch-root")
            base = folder.url
            root = base.appendingPathComponent("root")
            inside = root.appendingPathComponent("data/units.csv")
            outside = base.appendingPathComponent("private/secret.csv")
            for f in [inside, outside] {
                try FileManager.default.createDirectory(at: f.deletingLastPathComponent(), withIntermediateDirectories: true)
                try "ID,STATUS\n".write(to: f, atomically: true, encoding: .utf8)
            }
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("out-link.csv").path, withDestinationPath: outside.path)
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("in-link.csv").path, withDestinationPath: inside.path)
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("out-folder").path,
                                                       withDestinationPath: outside.deletingLastPathComponent().path)
        }
    }

    @Test func referencesResolveInsideTheRootOnly() throws {
        let l = try Layout()
        let root = try ScenarioRoot(l.root.path)
        let scenarios = l.root.appendingPathComponent("data").path
        let real = try #require(ScenarioRoot.realPath(l.inside.path))
        #expect(try root.resolve("units.csv", from: scenarios) == real)
        #expect(try root.resolve("../in-link.csv", from: scenarios) == real)
        #expect(try root.resolve(l.inside.path, from: "/") == real)
        #expect(try root.resolve("./../data/./units.csv", from: scenarios) == real)
        for refused in ["../../private/secret.csv", l.outside.path, "../out-link.csv", "../out-folder/secret.csv", "/etc/passwd", "../.."] {
            #expect(throws: ScenarioRoot.Refusal.self, "\(refused)") { try root.resolve(refused, from: scenarios) }
            do { _ = try root.resolve(refused, from: scenarios) } catch { #expect(error.reason.contains("is outside the scenario root"), "\(refused): \(error)") }
        }
        do { _ = try root.resolve("missing.csv", from: scenarios) } catch { #expect(error.reason.hasPrefix("does not exist")) }
        #expect(throws: ScenarioRoot.Refusal.self) { try ScenarioRoot(l.base.appendingPathComponent("nope").path) }
        #expect(throws: ScenarioRoot.Refusal.self) { try ScenarioRoot(l.inside.path) }
    }

    /// A root given through a link is its real folder: references into it by either path are inside.
    @Test func aRootReachedThroughALinkIsItsRealFolder() throws {
        let l = try Layout()
        let alias = l.base.appendingPathComponent("alias")
        try FileManager.default.createSymbolicLink(atPath: alias.path, withDestinationPath: l.root.path)
        let root = try ScenarioRoot(alias.path)
        #expect(root.path == ScenarioRoot.realPath(l.root.path))
        #expect(try root.resolve("data/units.csv", from: alias.path) == ScenarioRoot.realPath(l.inside.path))
    }

    @Test func theDecoderAndRunnerCheckEveryReference() throws {
        let l = try Layout()
        let root = try ScenarioRoot(l.root.path)
        let file = l.root.appendingPathComponent("s.json").path
        func scenario(_ extra: String) -> String {
            """
            {"schema": "cordmatch.scenario/1", "name": "n",
             \(extra),
             "expect": [{"recipient": "R1", "ranking": []}]}
            """
        }
        let recipients = "\"recipients\": [{\"ID\": \"R1\", \"WEIGHT_KG\": 18, \"DISEASE\": \"malignant\", \"HLA\": \"A*02:01\"}]"
        for (extra, key) in [("\"units_file\": \"out-link.csv\", \(recipients)", "units_file"),
                             ("\"units\": [], \"recipients_file\": \"../private/secret.csv\"", "recipients_file"),
                             ("\"policy\": \"\(l.outside.path)\", \"units\": [], \(recipients)", "policy")] {
            do {
                _ = try ScenarioDecoder.decode(Array(scenario(extra).utf8), file: file, root: root)
                Issue.record("\(key) outside the root was accepted")
            } catch {
                #expect(error.line == 2 && error.reason.hasPrefix("\(key) \"") && error.reason.contains("is outside the scenario root"), "\(error)")
            }
        }
        let inside = try ScenarioDecoder.decode(Array(scenario("\"units_file\": \"data/units.csv\", \(recipients)").utf8), file: file, root: root)
        guard case .file(let path) = inside.units else { Issue.record("not a file"); return }
        #expect(path == ScenarioRoot.realPath(l.inside.path))
    }

    /// A reference is repeated in an error as an excerpt only.
    @Test func aReferenceInAnErrorIsAnExcerpt() throws {
        let l = try Layout()
        let long = "../" + String(repeating: "x", count: 500) + "\\u001b[2J"
        let text = "{\"schema\": \"cordmatch.scenario/1\", \"name\": \"n\", \"units_file\": \"\(long)\", \"recipients\": [], \"expect\": [{\"recipient\": \"R\", \"ranking\": []}]}"
        let root = try ScenarioRoot(l.root.path)
        do {
            _ = try ScenarioDecoder.decode(Array(text.utf8), file: "s.json", root: root)
            Issue.record("accepted")
        } catch {
            #expect(error.reason.utf8.count < 300 && !error.reason.contains("\u{1B}") && error.reason.contains("bytes)"), "\(error.reason)")
        }
    }
}
