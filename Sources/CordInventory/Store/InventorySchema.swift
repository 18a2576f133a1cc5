import GRDB

/// The database schema, as migrations (`DatabaseMigrator`): each step is applied once, in order, in a transaction.
enum InventorySchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "units") { t in
                t.primaryKey("id", .text)
                t.column("bank", .text)
                t.column("status", .text).notNull().check { ["AV", "TU", "RE", "DE"].contains($0) }
                t.column("stat_reason", .text)
                t.column("hla", .text).notNull()
                t.column("hla_fields", .text).notNull()
                t.column("release", .text).notNull()
                t.column("tnc", .double)
                t.column("cd34", .double)
                t.column("volume", .double)
                t.column("collection_date", .text)
                t.column("birth_date", .text).notNull()
                t.column("product_modification", .text)
                t.column("abo", .text)
                t.column("rhesus", .text)
                t.column("ethnicity", .text)
                t.column("attached_segments", .integer)
                t.column("accredited", .boolean)
                t.column("maternal_hla", .text)
                t.column("extra", .text).notNull()
            }
            // Searches read every searchable unit; listing by bank and status is what coordinators filter on.
            try db.create(index: "units_status", on: "units", columns: ["status"])
            try db.create(index: "units_bank", on: "units", columns: ["bank", "status"])
            try db.create(table: "recipients") { t in
                t.primaryKey("id", .text)
                t.column("hla", .text).notNull()
                t.column("release", .text).notNull()
                t.column("weight_kg", .double).notNull().check { $0 > 0 }
                t.column("disease", .text).notNull()
                t.column("dsa", .text).notNull()
                t.column("abo", .text)
                t.column("policy", .text)
                t.column("active", .boolean).notNull()
            }
            try db.create(index: "recipients_active", on: "recipients", columns: ["active"])
            try db.create(table: "audit_log") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("at", .text).notNull()
                t.column("action", .text).notNull()
                t.column("detail", .text).notNull()
            }
            try db.create(table: "meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        m.registerMigration("v2: search index") { db in
            // The search index (CordIndex.SearchIndex), in chunks, rewritten in every transaction that changes units.
            try db.create(table: "search_index") { t in
                t.primaryKey("chunk", .integer)
                t.column("data", .blob).notNull()
            }
        }
        m.registerMigration("v3: pools") { db in
            // The WMDA pool of units imported from inventory XML (UPDATE_MODE FULL replaces a pool).
            try db.alter(table: "units") { t in t.add(column: "pool", .text) }
            try db.create(index: "units_pool", on: "units", columns: ["pool"])
        }
        return m
    }
}
