"""Learning a clinic's own patterns: do the confirmed counts make searches shorter?"""

from __future__ import annotations

import numpy as np

from repattern.bench.engine.scenarios import LEARNING_SITES, UNLISTED, Bench
from repattern.bench.engine.simulate import dirichlet_priors, draw_truth, simulate
from repattern.bench.engine.statistics import Bootstrap, rounded
from repattern.engine import TestModel
from repattern.engine.candidates import CONFIRMED_WEIGHT

LEARNING_CHECKPOINTS = (0, 25, 50, 100, 200, 300)


def run_learning(bench: Bench, boot_rng: np.random.Generator) -> None:
    """A clinic's confirmed patterns as priors: 300 sessions, then fewer tests?"""
    settings = bench.settings
    sites = [m for m in LEARNING_SITES if m in bench.atlas.weights][: settings.learning_sites]
    curves, learned_tests, atlas_tests = [], [], []
    for site in sites:
        curve, learned, plain = _learn_site(bench, site)
        curves.append(curve)
        learned_tests.append(learned)
        atlas_tests.append(plain)
        bench.progress.step(f"clinic learning: {site}")
    learned_all, atlas_all = np.concatenate(learned_tests), np.concatenate(atlas_tests)
    per_clinic = (learned_all.mean(axis=1), atlas_all.mean(axis=1))
    boot = Bootstrap(len(per_clinic[0]), settings.bootstrap, boot_rng)
    bench.results["learning"] = {
        "sites": {s: len(bench.atlas.weights[s]) for s in sites},
        "clinics": len(per_clinic[0]),
        "sessions": settings.sessions,
        "evaluation_episodes": int(learned_all.size),
        "mean_tests_atlas": boot.mean(per_clinic[1]),
        "mean_tests_learned": boot.mean(per_clinic[0]),
        "ratio": boot.ratio(per_clinic[0], per_clinic[1]),
        "curve": {str(k): rounded(float(np.mean([c[k] for c in curves]))) for k in curves[0]},
    }


def _learn_site(bench: Bench, site: str) -> tuple[dict[int, float], np.ndarray, np.ndarray]:
    """Clinics with their own skewed populations (Dirichlet 0.3) work through sessions on one
    inhibited site; each confident naming adds a count, as a confirmed pattern would."""
    settings = bench.settings
    base = bench.atlas.weights[site]
    clinics, n = settings.clinics_per_site, len(base)
    rng = bench.rng("learning", site)
    population = dirichlet_priors(rng, clinics, n, 0.3)
    counts = np.zeros((clinics, n))
    world = TestModel(0.85, 0.15)
    checkpoints = {k for k in LEARNING_CHECKPOINTS if k < settings.sessions} | {settings.sessions}
    curve: dict[int, float] = {}
    for session in range(settings.sessions + 1):
        prior = base + CONFIRMED_WEIGHT * counts
        if session in checkpoints:
            curve[session] = _evaluate(bench, population, prior, world, ("curve", site, session))
        if session == settings.sessions:
            break
        truth = draw_truth(rng, population, UNLISTED)
        ep = simulate(prior, truth, world, rng)
        named = ep.confident & (ep.named < n)
        counts[np.flatnonzero(named), ep.named[named]] += 1
    learned = _tests(bench, population, base + CONFIRMED_WEIGHT * counts, world, site)
    plain = _tests(bench, population, np.broadcast_to(base, counts.shape), world, site)
    return curve, learned, plain


def _tests(
    bench: Bench, population: np.ndarray, prior: np.ndarray, world: TestModel, site: str
) -> np.ndarray:
    """Tests per evaluation episode, one row per clinic (same truths for every prior)."""
    k = bench.settings.evaluation_episodes
    rng = bench.rng("evaluate", site)
    pop = np.repeat(population, k, axis=0)
    truth = draw_truth(rng, pop, UNLISTED)
    ep = simulate(
        np.repeat(prior, k, axis=0),
        truth,
        world,
        bench.rng("evaluate-run", site),
    )
    return ep.tests.reshape(len(population), k).astype(float)


def _evaluate(
    bench: Bench,
    population: np.ndarray,
    prior: np.ndarray,
    world: TestModel,
    key: tuple[object, ...],
) -> float:
    rng = bench.rng(*key)
    pop = np.repeat(population, 8, axis=0)
    ep = simulate(
        np.repeat(prior, 8, axis=0),
        draw_truth(rng, pop, UNLISTED),
        world,
        rng,
    )
    return float(ep.tests.mean())
