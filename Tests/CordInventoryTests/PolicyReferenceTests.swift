import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import Testing

/// A policy as commands, recipients and scenarios name it: presets by name, files by path (relative ones made
/// absolute against the folder of the file that names them).
@Suite struct PolicyReferenceTests {
    @Test func presetsAreNamesAndAnythingElseIsAFile() throws {
        #expect(PolicyReference("malignant") == .preset("malignant"))
        #expect(try PolicyReference("non-malignant").load() == PolicyPresets.nonMalignant)
        #expect(PolicyReference("centre.json") == .file("centre.json"))
        #expect(PolicyReference.preset(for: .nonMalignant) == .preset("non-malignant"))
        #expect(try PolicyReference.preset(for: .malignant).load() == PolicyPresets.malignant)
    }

    @Test func unknownPresetOrMissingFile() {
        #expect { try PolicyReference("paediatric").load() } throws: { "\($0)".contains("paediatric: no such preset (malignant, non-malignant) or file") }
    }

    @Test func aPathNamedInAFileIsTakenRelativeToThatFileAndMadeAbsolute() {
        #expect(PolicyReference("policies/centre.json", relativeTo: "/srv/bank") == .file("/srv/bank/policies/centre.json"))
        #expect(PolicyReference("../centre.json", relativeTo: "/srv/bank/in") == .file("/srv/bank/centre.json"))
        #expect(PolicyReference("/etc/centre.json", relativeTo: "/srv/bank") == .file("/etc/centre.json"))
        #expect(PolicyReference("malignant", relativeTo: "/srv/bank") == .preset("malignant"))
    }

    @Test func aFileIsReadAndValidated() throws {
        let dir = try TemporaryFolder("cordmatch-policyref")
        var policy = PolicyPresets.malignant
        policy.name = "centre"
        let file = dir.url("centre.json")
        try PolicyLoader.encode(policy).write(to: file, atomically: true, encoding: .utf8)
        #expect(try PolicyReference(file.path).load() == policy)
        try "{\"schema\": 1}".write(to: file, atomically: true, encoding: .utf8)
        #expect { try PolicyReference(file.path).load() } throws: { "\($0)".hasPrefix(file.path + ": ") }
    }
}
