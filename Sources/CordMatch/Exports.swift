// The matching core builds on the HLA nomenclature engine; re-export it so that users of the `CordMatch`
// product see one module.
@_exported import HLA
