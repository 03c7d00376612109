import Foundation
import Testing

@testable import RLTraining

struct StatisticsTests {
    @Test func meanAndPopulationStandardDeviation() {
        // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, squared deviations sum to 32, population variance 4, σ = 2.
        let values: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
        #expect(Statistics.mean(values) == 5)
        #expect(Statistics.populationStandardDeviation(values) == 2)
    }

    @Test func quantileInterpolatesLinearly() {
        let sorted: [Double] = [1, 2, 3, 4]
        #expect(Statistics.quantile(sorted: sorted, 0) == 1)
        #expect(Statistics.quantile(sorted: sorted, 1) == 4)
        #expect(Statistics.quantile(sorted: sorted, 0.5) == 2.5)  // h = 1.5
        #expect(abs(Statistics.quantile(sorted: sorted, 0.25) - 1.75) < 1e-15)  // h = 0.75
        #expect(Statistics.quantile(sorted: [7], 0.3) == 7)
    }
}
