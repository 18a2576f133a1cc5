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
            // (Dropped by v6: no query used them.)
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
        m.registerMigration("v4: change log and rematch runs") { db in
            // Every change to a unit or recipient, written by triggers (so no code path can forget it): what
            // nightly rematching recomputes, and the reasons it gives for a unit entering or leaving a list.
            try db.create(table: "change_log") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("entity", .text).notNull()       // unit | recipient
                t.column("id", .text).notNull()
                t.column("change", .text).notNull()       // new | status | typing | deleted | other (units); new | changed | deleted (recipients)
                t.column("detail", .text).notNull()
            }
            // Read only by sequence ranges (the primary key): no other index, so imports pay one insert per change.
            try db.execute(sql: """
                CREATE TRIGGER units_inserted AFTER INSERT ON units BEGIN
                  INSERT INTO change_log (entity, id, change, detail) VALUES ('unit', NEW.id, 'new', NEW.status);
                END;
                CREATE TRIGGER units_deleted AFTER DELETE ON units BEGIN
                  INSERT INTO change_log (entity, id, change, detail) VALUES ('unit', OLD.id, 'deleted', OLD.status);
                END;
                CREATE TRIGGER units_updated AFTER UPDATE ON units BEGIN
                  INSERT INTO change_log (entity, id, change, detail) VALUES ('unit', NEW.id,
                    CASE WHEN OLD.status IS NOT NEW.status THEN 'status' WHEN OLD.hla IS NOT NEW.hla THEN 'typing' ELSE 'other' END,
                    CASE WHEN OLD.status IS NOT NEW.status THEN OLD.status || ' → ' || NEW.status
                         WHEN OLD.hla IS NOT NEW.hla THEN OLD.hla || ' → ' || NEW.hla ELSE '' END);
                END;
                CREATE TRIGGER recipients_inserted AFTER INSERT ON recipients BEGIN
                  INSERT INTO change_log (entity, id, change, detail) VALUES ('recipient', NEW.id, 'new', '');
                END;
                CREATE TRIGGER recipients_deleted AFTER DELETE ON recipients BEGIN
                  INSERT INTO change_log (entity, id, change, detail) VALUES ('recipient', OLD.id, 'deleted', '');
                END;
                CREATE TRIGGER recipients_updated AFTER UPDATE ON recipients BEGIN
                  INSERT INTO change_log (entity, id, change, detail) VALUES ('recipient', NEW.id, 'changed', trim(
                    CASE WHEN OLD.hla IS NOT NEW.hla THEN 'typing ' ELSE '' END ||
                    CASE WHEN OLD.dsa IS NOT NEW.dsa THEN 'antibodies ' ELSE '' END ||
                    CASE WHEN OLD.weight_kg IS NOT NEW.weight_kg THEN 'weight ' ELSE '' END ||
                    CASE WHEN OLD.disease IS NOT NEW.disease THEN 'disease ' ELSE '' END ||
                    CASE WHEN OLD.policy IS NOT NEW.policy THEN 'policy ' ELSE '' END ||
                    CASE WHEN OLD.abo IS NOT NEW.abo THEN 'ABO ' ELSE '' END ||
                    CASE WHEN OLD.active IS NOT NEW.active THEN 'active ' ELSE '' END ||
                    CASE WHEN OLD.release IS NOT NEW.release THEN 'release ' ELSE '' END));
                END;
                """)
            // A rematch run: its parameters, the change-log position it saw, and whether it finished.
            try db.create(table: "rematch_runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("started_at", .text).notNull()
                t.column("finished_at", .text)             // NULL: not finished (running, killed, abandoned)
                t.column("abandoned", .boolean).notNull().defaults(to: false)
                t.column("policy", .text)                  // the --policy override as policy JSON, or NULL: each recipient's own
                t.column("release", .text).notNull()
                t.column("search_date", .text).notNull()
                t.column("result_limit", .integer).notNull()
                t.column("change_seq", .integer).notNull()
                t.column("previous_run", .integer)         // the finished run this one compares with (may since be pruned)
                t.column("recipients_total", .integer).notNull()
            }
            // One row per recipient done in a run (what --resume skips), with the facts the report compares.
            try db.create(table: "rematch_recipients") { t in
                t.column("run_id", .integer).notNull().references("rematch_runs", onDelete: .cascade)
                t.column("recipient_id", .text).notNull()
                t.column("policy_hash", .text).notNull()
                t.column("complete", .boolean).notNull()   // the stored list holds every eligible unit (not cut at the limit)
                t.column("needs_double", .boolean).notNull()
                t.column("computed", .text).notNull()      // full | incremental | error: <message>
                t.primaryKey(["run_id", "recipient_id"])
            }
            // The ranked candidates (top N) and the double-unit pairs of each recipient in a run.
            try db.create(table: "rematch_results") { t in
                t.column("run_id", .integer).notNull().references("rematch_runs", onDelete: .cascade)
                t.column("recipient_id", .text).notNull()
                t.column("rank", .integer).notNull()
                t.column("unit_id", .text).notNull()
                t.column("x6", .integer).notNull()
                t.column("x6_potential", .integer).notNull()
                t.column("x8", .integer).notNull()
                t.column("x8_potential", .integer).notNull()
                t.column("confirm_loci", .text).notNull()  // loci whose match is only potential, space-separated
                t.primaryKey(["run_id", "recipient_id", "rank"])
            }
            try db.create(table: "rematch_pairs") { t in
                t.column("run_id", .integer).notNull().references("rematch_runs", onDelete: .cascade)
                t.column("recipient_id", .text).notNull()
                t.column("rank", .integer).notNull()
                t.column("first_unit", .text).notNull()
                t.column("second_unit", .text).notNull()
                t.primaryKey(["run_id", "recipient_id", "rank"])
            }
        }
        m.registerMigration("v5: double-unit candidates") { db in
            // For a recipient without an eligible single unit, the units that may form pairs: what makes its next
            // rematch incremental. `double_candidates_kept` says whether the list was kept (not too long).
            try db.alter(table: "rematch_recipients") { t in t.add(column: "double_candidates_kept", .boolean).notNull().defaults(to: false) }
            try db.create(table: "rematch_double_candidates") { t in
                t.column("run_id", .integer).notNull().references("rematch_runs", onDelete: .cascade)
                t.column("recipient_id", .text).notNull()
                t.column("unit_id", .text).notNull()
                t.primaryKey(["run_id", "recipient_id", "unit_id"])
            }
        }
        m.registerMigration("v6: drop unused unit indexes") { db in
            // No query reads units by status or by bank (a search reads the search index; the naive reference scan
            // reads every unit in id order), so these two indexes only cost every import two more B-tree inserts
            // per unit. `units_pool` stays: a FULL inventory finds its pool's units through it.
            try db.drop(index: "units_status")
            try db.drop(index: "units_bank")
        }
        m.registerMigration("v7: standard HLA columns stored once") { db in
            // Units whose HLA columns were standard (`StandardHLAFields`) keep them only as their GL string, as
            // the importer now writes them: otherwise re-importing an inventory would rewrite every unit. The
            // change log does not record this (the units say the same as before), so nightly rematching is not
            // made to recompute them: the update trigger is set aside meanwhile.
            let standardJSON = DatabaseFunction("cordmatch_standard_hla_json", argumentCount: 1, pure: true) { values in
                String.fromDatabaseValue(values[0]).flatMap(StandardHLAFields.json(of:))
            }
            db.add(function: standardJSON)
            defer { db.remove(function: standardJSON) }
            try db.suspendingTrigger("units_updated") {
                try db.execute(sql: "UPDATE units SET hla_fields = '' WHERE hla_fields <> '' AND hla_fields = cordmatch_standard_hla_json(hla)")
            }
        }
        m.registerMigration("v8: pool index of pooled units only") { db in
            // Units imported from CSV have no pool: an index entry for each of them was one more B-tree insert per
            // imported unit that no query reads (`pool = ?` implies `pool IS NOT NULL`, so the query still uses it).
            try db.drop(index: "units_pool")
            try db.execute(sql: "CREATE INDEX units_pool ON units(pool) WHERE pool IS NOT NULL")
        }
        m.registerMigration("v10: accounts, sessions, requests and audit") { db in
            // Who may use the server (`cordmatch user`, `cordmatch token`): accounts with a bcrypt password hash and
            // a role; API tokens and sessions stored only as SHA-256 digests of their secrets (a copy of the
            // database hands out neither); a coordinator's requests on a unit for a recipient.
            try db.create(table: "accounts") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("role", .text).notNull().check { ["viewer", "coordinator", "admin"].contains($0) }
                t.column("password_hash", .text).notNull()
                t.column("disabled", .boolean).notNull().defaults(to: false)
                t.column("created_at", .text).notNull()
            }
            try db.create(table: "api_tokens") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("account_id", .integer).notNull().references("accounts")
                t.column("digest", .text).notNull().unique()
                t.column("label", .text).notNull()
                t.column("created_at", .text).notNull()
                t.column("revoked_at", .text)
            }
            try db.create(table: "sessions") { t in
                t.primaryKey("digest", .text)
                t.column("account_id", .integer).notNull().references("accounts")
                t.column("csrf", .text).notNull()
                t.column("created_at", .integer).notNull()   // Unix seconds
                t.column("expires_at", .integer).notNull()
                t.column("revoked", .boolean).notNull().defaults(to: false)
            }
            try db.create(table: "unit_requests") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("recipient_id", .text).notNull()
                t.column("unit_id", .text).notNull()
                t.column("kind", .text).notNull().check { ["confirmatory typing requested", "reserved"].contains($0) }
                t.column("note", .text).notNull()
                t.column("account", .text).notNull()
                t.column("created_at", .text).notNull()
            }
            try db.create(index: "unit_requests_recipient", on: "unit_requests", columns: ["recipient_id"])
            // The audit trail: who (`actor`, NULL for the CLI) did what to which recipient and unit, when — the
            // imports' entries and every server access alike. Append-only: the triggers refuse any change.
            try db.alter(table: "audit_log") { t in
                t.add(column: "actor", .text)
                t.add(column: "recipient_id", .text)
                t.add(column: "unit_id", .text)
            }
            try db.create(index: "audit_log_recipient", on: "audit_log", columns: ["recipient_id"])
            try db.create(index: "audit_log_actor", on: "audit_log", columns: ["actor"])
            try db.execute(sql: """
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
                  SELECT RAISE(ABORT, 'the audit trail is append-only');
                END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
                  SELECT RAISE(ABORT, 'the audit trail is append-only');
                END;
                """)
        }
        m.registerMigration("v11: populations") { db in
            // The population code that chooses a unit's or a recipient's haplotype frequency set (the CSVs'
            // optional POPULATION column; a unit without one falls back to its WMDA ETHN, then to the default set).
            try db.alter(table: "units") { t in t.add(column: "population", .text) }
            try db.alter(table: "recipients") { t in t.add(column: "population", .text) }
        }
        return m
    }
}
