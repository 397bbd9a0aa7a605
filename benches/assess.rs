//! Criterion benchmark of `assess` (filled in by the benchmark work).
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let case = bpa::example::seed_week();
    let law = bpa::Law::embedded();
    let today = bpa::time::Date::new(2026, 11, 23).unwrap_or_else(|| unreachable!());
    c.bench_function("assess_seed_week", |b| {
        b.iter(|| bpa::assess(std::hint::black_box(&case), &law, today))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
