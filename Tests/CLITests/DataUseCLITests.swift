import CordMatch
import CordMatchTesting
import Foundation
import Testing

/// `data use V --db X` switches that database only: it keeps V (every later command on it uses V unless told
/// otherwise), while the default release, and every other database, stay as they were.
@Suite struct DataUseCLITests {
    @Test func aDatabaseSwitchedToAReleaseKeepsItAndTheDefaultStays() throws {
        let home = try TwoReleaseHome()
        let (old, new) = (TwoReleaseHome.old, TwoReleaseHome.new)
        func ok(_ args: [String]) throws -> String { try home.ok(args) }
        for db in ["switched.sqlite", "other.sqlite"] { try home.importFixtures(into: db) }
        func release(_ db: String) throws -> String? {
            TwoReleaseHome.release(of: try ok(["search", "--db", db, "--recipient", FixtureInventory.child, "--format", "json",
                                               "--search-date", FixtureInventory.searchDate.description]))
        }
        #expect(try release("switched.sqlite") == old && release("other.sqlite") == old)

        let use = try ok(["data", "use", new, "--db", "switched.sqlite"])
        #expect(use.contains("re-resolved") && !use.contains("default IMGT/HLA release"), "\(use)")
        #expect(try release("switched.sqlite") == new)
        #expect(try release("other.sqlite") == old)
        let status = try ok(["data", "status"])
        #expect(status.split(separator: "\n").contains { $0.contains(old) && $0.contains("(default)") }, "\(status)")
        // Named on the command line, another release still wins.
        let named = try ok(["search", "--db", "switched.sqlite", "--recipient", FixtureInventory.child, "--format", "json",
                            "--search-date", FixtureInventory.searchDate.description, "--imgt-version", old])
        #expect(named.contains("\"imgt_version\" : \"\(old)\""))
    }
}
