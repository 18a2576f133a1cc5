import CordInventory
import CordMatch
import CordServer
import CordService
import CordSupport
import Foundation

/// `cordmatch demo --serve`: the workspace on the demo's temporary database — three recipients (the demo's child,
/// an adult no single unit suffices for, a recipient no unit matches), two nightly rematch runs with a change in
/// between (a reservation released, a unit made temporarily unavailable), so that the morning report has something to say, and a
/// one-time coordinator account whose random password is printed once. Served on loopback only; the database
/// and the account go when the demo stops.
enum DemoWorkspace {
    static let recipients = """
        ID,WEIGHT_KG,DISEASE,HLA,DSA,ABO,POLICY,ACTIVE
        DEMO-CHILD,18,non-malignant,\(DemoCommand.patient),B*07:02=4000,A,,Y
        DEMO-ADULT,55,malignant,\(DemoCommand.patient),,O,,Y
        DEMO-RARE,40,malignant,A*30:01+A*30:02^B*57:01+B*58:01^C*06:02+C*07:18^DRB1*07:01+DRB1*11:01,,B,,Y
        """

    /// What changes between the two runs: the reserved unit is released, a unit is withdrawn (status WD).
    static let overnightChanges = DemoCommand.units.split(separator: "\n").enumerated().compactMap { i, line -> String? in
        if i == 0 { return String(line) }
        if line.hasPrefix("CB-006,") { return line.replacingOccurrences(of: ",RE,", with: ",AV,") }
        if line.hasPrefix("CB-003,") { return line.replacingOccurrences(of: ",AV,", with: ",TU,") }
        return nil
    }.joined(separator: "\n")

    static let account = "demo"

    /// Fills the demo database for the workspace, then serves it on 127.0.0.1:`port` until SIGINT or SIGTERM.
    ///
    /// - Parameters:
    ///   - store: the demo database (its units imported).
    ///   - resolver: the demo's resolver.
    ///   - folder: the demo's temporary folder (input files are written there).
    ///   - port: the loopback port.
    /// - Throws: import, rematch and server errors.
    static func serve(_ store: InventoryStore, resolver: TypingResolver, folder: URL, port: Int) async throws {
        let recipientsFile = folder.appendingPathComponent("recipients.csv").path
        try OwnerOnlyFile.write(recipients + "\n", to: recipientsFile)
        _ = try RecipientCSVImporter(resolver: resolver).importFile(recipientsFile, into: store, skipInvalid: false)
        let rematch = Rematch(store: store, resolver: resolver)
        let options = Rematch.Options(searchDate: .today())
        _ = try rematch.run(options) { _ in }
        let changes = folder.appendingPathComponent("changes.csv").path
        try OwnerOnlyFile.write(overnightChanges + "\n", to: changes)
        _ = try UnitImporter(resolver: resolver).importFile(changes, into: store, skipInvalid: false)
        _ = try rematch.run(options) { _ in }

        let access = InventoryAccess(service: try InventoryService(store: store) { resolver })
        let password = SecretToken.generate()
        try await AccountAdministration(access: access).addUser(account, role: .coordinator, password: password, actor: "cordmatch demo")
        var configuration = ServerConfiguration()
        configuration.port = port
        print("""

            The workspace: http://127.0.0.1:\(port)/recipients
            Sign in as '\(account)' with the one-time password \(password)
            (a coordinator; the account and the database go when the demo stops: Ctrl-C)
            """)
        fflush(nil)  // every stream: the password is read before the server logs anything
        try await ServeCommand.serve(access, configuration)
    }
}
