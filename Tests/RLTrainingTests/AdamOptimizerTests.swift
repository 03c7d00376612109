import Foundation
import Testing

@testable import RLTraining

struct AdamOptimizerTests {
    @Test func firstTwoStepsOnAQuadratic() {
        // f(x) = (x − 3)², f'(x) = 2(x − 3), x₀ = 0, α = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
        // t = 1: g = −6, m = 0.1·(−6) = −0.6, v = 0.001·36 = 0.036, m̂ = −0.6/0.1 = −6, v̂ = 0.036/0.001 = 36,
        //        x₁ = 0 − 0.1·(−6)/(6 + 1e-8) = 0.09999999983333335.
        // t = 2: g = 2(x₁ − 3) = −5.800000000333333, m = 0.9·(−0.6) + 0.1·g = −1.120000000033333,
        //        v = 0.999·0.036 + 0.001·g² = 0.06960400000386673, m̂ = m/0.19 = −5.894736842280702,
        //        v̂ = v/0.001999 = 34.819409706787226, x₂ = x₁ + 0.1·5.894736842280702/(5.900797 + 1e-8)
        //        = 0.19989729258521102.
        var optimizer = AdamOptimizer(parameterCount: 1)
        var x = [0.0]
        optimizer.step(parameters: &x, gradient: [2 * (x[0] - 3)])
        #expect(abs(x[0] - 0.09999999983333335) < 1e-14)
        #expect(abs(optimizer.firstMoment[0] + 0.6) < 1e-14)
        #expect(abs(optimizer.secondMoment[0] - 0.036) < 1e-14)
        optimizer.step(parameters: &x, gradient: [2 * (x[0] - 3)])
        #expect(abs(optimizer.firstMoment[0] + 1.120000000033333) < 1e-14)
        #expect(abs(optimizer.secondMoment[0] - 0.06960400000386673) < 1e-14)
        #expect(abs(x[0] - 0.19989729258521102) < 1e-14)
        #expect(optimizer.stepCount == 2)
    }

    @Test func convergesOnAQuadratic() {
        var optimizer = AdamOptimizer(parameterCount: 2, configuration: AdamConfiguration(learningRate: 0.05))
        var x = [0.0, 10.0]
        for _ in 0..<2000 {
            optimizer.step(parameters: &x, gradient: [2 * (x[0] - 3), 4 * (x[1] + 1)])
        }
        #expect(abs(x[0] - 3) < 1e-3)
        #expect(abs(x[1] + 1) < 1e-3)
    }
}
