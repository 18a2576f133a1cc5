import CordMatch
import CordMatchTesting
import Foundation
import Testing

/// `cordmatch data use V --db X` while `cordmatch serve --db X` runs: a server that was not given a release follows
/// the database to V at the switch's commit, without a restart, answering exactly what the CLI answers after the
/// switch; a server given a release keeps it.
@Suite struct ServeReleaseSwitchCLITests {
    @Test func aServerFollowsItsDatabasesReleaseSwitchWithoutARestart() async throws {
        let home = try TwoReleaseHome()
        let (old, new) = (TwoReleaseHome.old, TwoReleaseHome.new)
        let db = "inventory.sqlite", date = FixtureInventory.searchDate.description, child = FixtureInventory.child
        try home.importFixtures(into: db)
        try home.ok(["user", "add", "v", "--role", "viewer", "--db", db], stdin: "a long enough password\n")
        let token = try home.ok(["token", "create", "v", "--db", db]).trimmingCharacters(in: .whitespacesAndNewlines)
        let unit = try #require(try home.ok(["search", "--db", db, "--recipient", child, "--format", "csv", "--search-date", date])
            .split(separator: "\n").dropFirst().first?.split(separator: ",").dropFirst().first.map(String.init))

        let following = try await ServedBinary(["--db", db], cwd: home.folder.url, environment: home.environment)
        let pinned = try await ServedBinary(["--db", db, "--imgt-version", old], cwd: home.folder.url, environment: home.environment)
        let search = "/api/v1/recipients/\(child)/search?search_date=\(date)&include_ineligible=true"
        let explain = "/api/v1/recipients/\(child)/units/\(unit)?search_date=\(date)"
        func cli(_ command: String, _ extra: [String]) throws -> String {
            let what = command == "search" ? [String]() : ["--unit", unit]
            return try home.ok([command, "--db", db, "--recipient", child, "--format", "json", "--search-date", date] + what + extra)
        }

        for server in [following, pinned] {
            let answer = try await server.get(search, token: token)
            #expect(answer.status == 200 && TwoReleaseHome.release(of: answer.body) == old)
        }
        let use = try home.ok(["data", "use", new, "--db", db])
        #expect(use.contains("re-resolved"))

        // The following server: the new release, exactly as the CLI answers now (search and explanation).
        let searched = try await following.get(search, token: token)
        #expect(searched.status == 200 && TwoReleaseHome.release(of: searched.body) == new)
        #expect(searched.body + "\n" == (try cli("search", ["--include-ineligible"])))
        let explained = try await following.get(explain, token: token)
        #expect(explained.status == 200 && TwoReleaseHome.release(of: explained.body) == new)
        #expect(explained.body + "\n" == (try cli("explain", [])))
        // The server given a release keeps it, as the CLI does when told the same release.
        let kept = try await pinned.get(search, token: token)
        #expect(kept.status == 200 && TwoReleaseHome.release(of: kept.body) == old)
        #expect(kept.body + "\n" == (try cli("search", ["--include-ineligible", "--imgt-version", old])))

        for server in [following, pinned] {
            let stopped = try await server.stop()
            #expect(stopped.reason == .exit && stopped.status == 0, "\(stopped.log)")
        }
    }
}
