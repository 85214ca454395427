//! Properties of the inequality measures over random inputs.

use cpdash::metrics::dispersion::{cv, gini, theil, theil_decomposed, weighted_cv, Point};
use proptest::prelude::*;

fn points() -> impl Strategy<Value = Vec<Point>> {
    prop::collection::vec((1.0f64..1e6, 0.1f64..1e4).prop_map(|(v, w)| Point::new(v, w)), 1..40)
}

fn rel_close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

proptest! {
    #[test]
    fn gini_lies_in_zero_one(p in points()) {
        let g = gini(&p).unwrap();
        prop_assert!((0.0..1.0).contains(&g), "{g}");
    }

    #[test]
    fn scale_invariance(p in points(), k in 0.01f64..1000.0) {
        let scaled: Vec<Point> = p.iter().map(|x| Point::new(x.value * k, x.weight)).collect();
        prop_assert!(rel_close(gini(&p).unwrap(), gini(&scaled).unwrap()));
        prop_assert!(rel_close(weighted_cv(&p).unwrap(), weighted_cv(&scaled).unwrap()));
        prop_assert!((theil(&p).unwrap() - theil(&scaled).unwrap()).abs() < 1e-9);
    }

    #[test]
    fn theil_parts_add_up(p in points(), g in prop::collection::vec(0usize..4, 40)) {
        let groups = &g[..p.len()];
        let parts = theil_decomposed(&p, groups).unwrap();
        prop_assert!((parts.between + parts.within - parts.total).abs() < 1e-9);
        prop_assert!(parts.within >= -1e-12);
    }

    #[test]
    fn equal_weights_give_the_unweighted_result(v in prop::collection::vec(1.0f64..1e6, 1..40), w in 0.1f64..1e4) {
        let weighted: Vec<Point> = v.iter().map(|x| Point::new(*x, w)).collect();
        let ones: Vec<Point> = v.iter().map(|x| Point::new(*x, 1.0)).collect();
        prop_assert!(rel_close(weighted_cv(&weighted).unwrap(), cv(&v).unwrap()));
        prop_assert!(rel_close(gini(&weighted).unwrap(), gini(&ones).unwrap()));
        prop_assert!((theil(&weighted).unwrap() - theil(&ones).unwrap()).abs() < 1e-12);
    }
}
