import HTTPSupport
import Hummingbird
import PatchRanking
import Stages

/// The caller's mistakes are 422; a ranker that cannot work (its configuration, its model) is 502.
extension RankingError: DetailedHTTPError {
    package var status: HTTPResponse.Status { self.isInvalidRequest ? .unprocessableContent : .badGateway }

    package var detail: String { self.description }
}
