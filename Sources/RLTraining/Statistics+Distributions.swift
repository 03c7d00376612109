import Foundation

/// The normal and Student's t quantiles the expanded percentile bootstrap needs (``PairedBootstrap``).
extension Statistics {
    /// `P(Z > z)` for a standard normal `Z`: `erfc(z / √2) / 2`, accurate in both tails.
    package static func normalUpperTail(_ z: Double) -> Double {
        0.5 * Foundation.erfc(z / 2.0.squareRoot())
    }

    /// The standard normal quantile `Φ⁻¹(p)`: Acklam's rational approximation (relative error below 1.2·10⁻⁹),
    /// refined by one Halley step on `erfc`.
    ///
    /// - Precondition: `0 < p < 1`.
    package static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "p must be in (0, 1)")
        let a = [
            -39.696_830_286_653_76, 220.946_098_424_520_5, -275.928_510_446_968_7, 138.357_751_867_269,
            -30.664_798_066_147_16, 2.506_628_277_459_239,
        ]
        let b = [
            -54.476_098_798_224_06, 161.585_836_858_040_9, -155.698_979_859_886_6, 66.801_311_887_719_72,
            -13.280_681_552_885_72,
        ]
        let c = [
            -0.007_784_894_002_430_293, -0.322_396_458_041_136_4, -2.400_758_277_161_838, -2.549_732_539_343_734,
            4.374_664_141_464_968, 2.938_163_982_698_783,
        ]
        let d = [0.007_784_695_709_041_462, 0.322_467_129_070_039_8, 2.445_134_137_142_996, 3.754_408_661_907_416]
        let low = 0.024_25
        var x: Double
        if p < low {
            let q = (-2 * Foundation.log(p)).squareRoot()
            x =
                (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5
            let r = q * q
            x =
                (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * Foundation.log(1 - p)).squareRoot()
            x =
                -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let error = Self.normalUpperTail(-x) - p
        let u = error * (2 * Double.pi).squareRoot() * Foundation.exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// Student's t quantile with `degreesOfFreedom` ν, for `p ≥ ½`: exact for ν = 1 and 2; otherwise the
    /// Cornish-Fisher expansion in the normal quantile to ν⁻⁴ (Abramowitz and Stegun 26.7.5), within 0.2% of the
    /// exact quantile at ν = 3 for p ≤ 0.995 and within 10⁻⁵ from ν = 10.
    ///
    /// - Precondition: `0.5 ≤ p < 1`, `degreesOfFreedom ≥ 1`.
    package static func studentTQuantile(_ p: Double, degreesOfFreedom: Int) -> Double {
        precondition(p >= 0.5 && p < 1, "p must be in [0.5, 1)")
        precondition(degreesOfFreedom >= 1, "at least one degree of freedom")
        switch degreesOfFreedom {
        case 1: return Foundation.tan(Double.pi * (p - 0.5))
        case 2: return (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
        default:
            let z = Self.normalQuantile(p)
            let v = Double(degreesOfFreedom)
            let z2 = z * z
            let g1 = (z2 + 1) * z / 4
            let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
            let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
            let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
            return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v)
        }
    }
}
