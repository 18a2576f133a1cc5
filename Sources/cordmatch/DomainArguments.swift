import ArgumentParser
import CordInventory
import CordMatch
import HLA

// The libraries' enumerations read as options: argument-parser checks the value and lists the choices in
// `--help`, so no command parses them again.

extension Recipient.DiseaseClass: ExpressibleByArgument {}
extension CordUnit.Status: ExpressibleByArgument {}
extension ReductionType: ExpressibleByArgument {}
extension InventoryGenerator.Typings: ExpressibleByArgument {}
