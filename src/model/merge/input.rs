//! How one profile enters a merge: the scaling pprof applies to its values first (`ScaleN`,
//! for `-normalize`, a base's `Scale(-1)` and unit conversion), the label it sets on every
//! sample (`SetLabel`, for `-diff_base`), and whether it is a comparison's base.

/// How one profile enters a merge: pprof's `ScaleN` steps applied to its values first (each
/// step a ratio per sample type), a label set on every sample (pprof's `SetLabel`), and
/// whether it is a comparison's base.
#[derive(Clone, Debug, Default)]
pub(super) struct Input<'a> {
    /// Scaling steps, in order.
    pub(super) scale: Vec<Vec<f64>>,
    /// A label `(key, value)` that replaces any label of that key on every sample.
    pub(super) label: Option<(&'a str, &'a str)>,
    /// Whether the values (already negated by `scale`) are a comparison's base.
    pub(super) base: bool,
}

impl Input<'_> {
    /// pprof's `ScaleN` steps on one sample's values: columns whose ratio is not 1 are
    /// multiplied and rounded (half away from zero, as Go's `math.Round`); the sample
    /// survives a step only when one of those columns is non-zero. `false` when dropped.
    pub(super) fn scale_sample(&self, vals: &mut [i64]) -> bool {
        for ratios in &self.scale {
            if ratios.iter().all(|&r| r == 1.0) {
                continue;
            }
            let mut keep = false;
            for (v, &r) in vals.iter_mut().zip(ratios) {
                if r != 1.0 {
                    *v = (*v as f64 * r).round() as i64;
                    keep |= *v != 0;
                }
            }
            if !keep {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_rounds_half_away_and_drops_samples_scaled_to_zero() {
        let input = Input {
            scale: vec![vec![1.0, 0.5], vec![-1.0, -1.0]],
            ..Input::default()
        };
        let mut vals = [4, 3];
        assert!(input.scale_sample(&mut vals));
        assert_eq!(vals, [-4, -2]);
        // Only the scaled column decides (pprof's keep rule).
        let mut vals = [5, 0];
        let half = Input {
            scale: vec![vec![1.0, 0.5]],
            ..Input::default()
        };
        assert!(!half.scale_sample(&mut vals));
    }
}
