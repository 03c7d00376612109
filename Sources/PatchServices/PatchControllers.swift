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
    /// How long one ranking may run before it is stopped: the bounds of ``RankRequestLimits`` still allow a
    /// measured check of 21 × representatives × 64 outputs, minutes on a slow model.
    package static let defaultTimeLimit: Duration = .seconds(120)
    let timeLimit: Duration

    package init(stages: PatchStages, timeLimit: Duration = Self.defaultTimeLimit) {
        self.stages = stages
        self.timeLimit = timeLimit
    }

    package var routes: ServiceRoutes {
        ServiceRoutes(paths: PatchAPI.rankerPaths, schemas: PatchAPI.schemas) { router in
            router.post("api/v1/rank", use: self.rank)
        }
    }

    @Sendable func rank(_ request: Request, context: ServiceRequestContext) async throws -> EncodedResponse<RankResult>
    {
        let body = try await request.decodeJSON(as: RankRequest.self, context: context)
        let stages = self.stages
        let seconds = self.timeLimit.components.seconds
        // Only the measured check waits on a model and stops when cancelled; a rank without it is CPU work bounded by
        // `RankRequestLimits`, which a time limit could not interrupt, so it runs without the limit's task group and
        // timer (a sixth of a rank request's CPU under load, `Benchmarks/README.md`, "Load").
        let result =
            try await (body.measure ?? stages.ranker.configuration.measure)
            ? withTimeLimit(
                self.timeLimit,
                expired: APIError.unprocessable(
                    "the ranking did not finish within its time limit of \(seconds) s and was stopped; lower 'samples' or the number of candidates, or leave out 'measure'"
                )
            ) { try await stages.rank(body) } : stages.rank(body)
        guard result.selected != nil else {
            let reasons = result.excluded.map { "\($0.patchID): \($0.reasons.joined(separator: "; "))" }
            throw APIError.unprocessable("every candidate was excluded: " + reasons.joined(separator: " | "))
        }
        return EncodedResponse(result)
    }
}
