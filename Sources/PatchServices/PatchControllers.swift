import HTTPSupport
import Hummingbird
import PatchGeneration
import PatchRanking
import Stages

/// The patch generator's routes (8012).
package struct PatchGeneratorController: Sendable {
    let stages: PatchStages

    package init(stages: PatchStages) {
        self.stages = stages
    }

    package var routes: ServiceRoutes {
        ServiceRoutes(paths: PatchAPI.generatorPaths, schemas: PatchAPI.schemas) { router in
            router.post("api/v1/generate-patches", use: self.generate)
        }
    }

    @Sendable func generate(
        _ request: Request, context: ServiceRequestContext
    ) async throws
        -> EncodedResponse<PatchGenerationResult>
    {
        let body = try await request.decodeJSON(as: GeneratePatchesRequest.self, context: context)
        return EncodedResponse(try await self.stages.generate(body))
    }
}

/// The ranker's routes (8013).
package struct RankerController: Sendable {
    let stages: PatchStages

    package init(stages: PatchStages) {
        self.stages = stages
    }

    package var routes: ServiceRoutes {
        ServiceRoutes(paths: PatchAPI.rankerPaths, schemas: PatchAPI.schemas) { router in
            router.post("api/v1/rank", use: self.rank)
        }
    }

    @Sendable func rank(_ request: Request, context: ServiceRequestContext) async throws -> EncodedResponse<RankResult>
    {
        let body = try await request.decodeJSON(as: RankRequest.self, context: context)
        let result = try await self.stages.rank(body)
        guard result.selected != nil else {
            let reasons = result.excluded.map { "\($0.patchID): \($0.reasons.joined(separator: "; "))" }
            throw APIError.unprocessable("every candidate was excluded: " + reasons.joined(separator: " | "))
        }
        return EncodedResponse(result)
    }
}
