import CordInventory

/// Appends the server's audit entries with group commit: a request waits until its entry is committed before it
/// is answered (no patient data leaves unrecorded), and entries that arrive while a commit is under way go
/// together into the next transaction — one write for many concurrent requests instead of one each.
actor AuditRecorder {
    private let access: InventoryAccess
    private var pending: [(entry: AuditEntry.New, done: CheckedContinuation<Void, any Error>)] = []
    private var flushing = false

    init(access: InventoryAccess) { self.access = access }

    /// Returns once `entry` is committed; throws when it could not be stored.
    func record(_ entry: AuditEntry.New) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            pending.append((entry, done))
            if !flushing {
                flushing = true
                Task { await flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            let entries = batch.map(\.entry)
            let access = access
            do {
                try await access.blocking { try access.appendAudit(entries) }
                for item in batch { item.done.resume() }
            } catch {
                for item in batch { item.done.resume(throwing: error) }
            }
        }
        flushing = false
    }
}
