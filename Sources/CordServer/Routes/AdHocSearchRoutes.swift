import CordInventory
import CordMatch
import CordService
import HLA
import Hummingbird

/// A search for a recipient who is not stored: a typing, weight, disease and antibodies, under the disease's preset or a
/// named preset. POST, so that the typing travels in the body and never in a URL (proxies and logs keep URLs).
enum AdHocSearchRoutes {
    struct Body: Decodable {
        let hla: String
        let weightKg: Double
        let disease: String
        let dsa: String?
        let policy: String?
        let searchDate: String?
        let limit: Int?
        let includeIneligible: Bool?
    }

    static func routes(_ s: ServerServices) -> [ServerRoute] {
        [
            ServerRoute(.post, "/api/v1/search", .role(.viewer)) { request, context in
                let body = try await RequestInput.json(request, as: Body.self)
                if let why = NumericField.recipientWeight.check(body.weightKg) { throw ProblemDetails.badRequest("weight_kg: \(why)") }
                let limit = try RequestInput.resultLimit(body.limit.map(String.init))
                guard let disease = Recipient.DiseaseClass(rawValue: body.disease) else {
                    throw ProblemDetails.badRequest("disease is \(Recipient.DiseaseClass.allCases.map(\.rawValue).joined(separator: " or "))")
                }
                let date = try RequestInput.searchDate(body.searchDate)
                let query = SearchQuery(recipient: .adHoc(AdHocRecipient(typing: body.hla, weightKg: body.weightKg, disease: disease,
                                                                         antibodies: body.dsa ?? "")),
                                        policy: try RequestInput.preset(body.policy).map(PolicyReference.preset), searchDate: date,
                                        limit: limit, includeIneligible: body.includeIneligible ?? false)
                let json = try await s.inventory { try $0.searchReport(query) }
                try await s.audit(context, "ad-hoc search", detail: "search date \(date)")
                return JSONResponse.make(json)
            },
        ]
    }
}
