import Experiences

// The generator's and ranker's shared input types read from `PlainJSON`, field by field as their `init(from:)`
// reads them (defaults, `decodeIfPresent` treating `null` as absent); anything else gives up, and Foundation
// decodes. `PlainJSONDecodingTests` holds each to Foundation's result. A field added to one of these types must be
// read here too (`theFastPathKnowsEveryField` counts the fields).

extension PatchCandidate: PlainJSONDecodable {
    package init?(plainJSON json: PlainJSON) {
        guard let patchID = json["patch_id"]?.string, let patchText = json["patch_text"]?.string,
            let promptText = json["prompt_text"]?.string,
            let strategy = PlainJSON.optional(json["strategy"], \.string),
            let operation = PlainJSON.optional(
                json["operation"], { $0.string.flatMap(PatchOperation.init(rawValue:)) }),
            let anchor = PlainJSON.optional(json["anchor"], \.string),
            let targets = PlainJSON.optional(json["targets"], \.strings),
            let explanation = PlainJSON.optional(json["explanation"], \.string),
            let source = PlainJSON.optional(json["source"], \.string)
        else { return nil }
        self.init(
            patchID: patchID, strategy: strategy ?? "unknown", operation: operation ?? .append, anchor: anchor,
            patchText: patchText, promptText: promptText, targets: targets ?? [], explanation: explanation ?? "",
            source: source ?? "template")
    }
}

extension ClusterTerm: PlainJSONDecodable {
    package init?(plainJSON json: PlainJSON) {
        guard let term = json["term"]?.string, let weight = json["weight"]?.double else { return nil }
        self.init(term: term, weight: weight)
    }
}

extension ClusterRepresentative: PlainJSONDecodable {
    package init?(plainJSON json: PlainJSON) {
        guard let id = json["id"]?.string, let input = json["input"]?.string, let response = json["response"]?.string,
            let failureType = PlainJSON.optional(json["failure_type"], \.string),
            let distance = PlainJSON.optional(json["distance"], \.double),
            let context = PlainJSON.optional(json["context"], \.string),
            let reference = PlainJSON.optional(json["reference"], \.string),
            // Free-form metadata decodes through `JSONValue`'s own rules; only its absence is read here.
            PlainJSON.optional(json["metadata"], { _ in nil as Int? }) != nil
        else { return nil }
        self.init(
            id: id, input: input, response: response, failureType: failureType, distance: distance, context: context,
            reference: reference)
    }
}

extension ClusterEvidence: PlainJSONDecodable {
    package init?(plainJSON json: PlainJSON) {
        guard let clusterID = json["cluster_id"]?.string,
            let size = PlainJSON.optional(json["size"], { $0.integer(Int.self) }),
            let share = PlainJSON.optional(json["share"], \.double),
            let severity = PlainJSON.optional(json["severity"], \.double),
            let topTerms = PlainJSON.optional(json["top_terms"], { $0.elements(ClusterTerm.init(plainJSON:)) }),
            let label = PlainJSON.optional(json["label"], \.string),
            let failureTypes = PlainJSON.optional(json["failure_types"], Self.failureTypes),
            let representatives = PlainJSON.optional(
                json["representatives"], { $0.elements(ClusterRepresentative.init(plainJSON:)) }),
            let memberIDs = PlainJSON.optional(json["member_ids"], \.strings)
        else { return nil }
        let members = memberIDs ?? []
        let listed = representatives ?? []
        self.init(
            clusterID: clusterID, size: size ?? max(Set(members).count, listed.count), share: share ?? 0,
            severity: severity ?? 0, topTerms: topTerms ?? [], label: label ?? "", failureTypes: failureTypes ?? [:],
            representatives: listed, memberIDs: members)
    }

    /// `failure_types` as a `{label: count}` object or a `[{failure_type, count}]` list (counts of a label added).
    private static func failureTypes(_ json: PlainJSON) -> [String: Int]? {
        if case .object(let members) = json {
            var counts: [String: Int] = [:]
            for member in members {
                guard let count = member.value.integer(Int.self) else { return nil }
                counts[member.key] = count
            }
            return counts
        }
        let pairs = json.elements { item -> (String, Int)? in
            guard let label = item["failure_type"]?.string, let count = item["count"]?.integer(Int.self) else {
                return nil
            }
            return (label, count)
        }
        return pairs.flatMap { try? Self.summedCounts($0) }
    }
}
