#!/usr/bin/env python3
"""Write the small people table and edge list that scenarios/edge-list.yaml imports.

Deterministic: the same arguments always write the same bytes, so CI can re-run this script and compare
(`python3 scripts/make-network.py && git diff --exit-code scenarios/data`).

The people table (population.from_file) has one row per person in index order: `age`, `household` (people of a
household on consecutive rows), `district` (blocks of consecutive households) and `smoker` (0/1, an attribute
column). The edge list (population.community.from_file) is a configuration-model graph: each person draws a
Poisson number of stubs, the stubs are shuffled and paired, self loops and repeated pairs are dropped; each
pair is written once as `a,b,weight` with weight 1 inside a district and `--cross-weight` across districts.
"""
import argparse
import math
import random


def poisson(rng, mean):
    # Knuth's method: fine for the small means used here.
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=2000, help="population size (default 2000)")
    parser.add_argument("--mean-degree", type=float, default=8.0, help="mean stubs per person (default 8)")
    parser.add_argument("--households-per-district", type=int, default=100, help="households per district (default 100)")
    parser.add_argument("--smoker-share", type=float, default=0.25, help="share of adults (18+) who smoke (default 0.25)")
    parser.add_argument("--cross-weight", type=float, default=0.5, help="weight of an edge across districts (default 0.5)")
    parser.add_argument("--seed", type=int, default=20200211, help="random seed (default 20200211)")
    parser.add_argument("--people-out", default="scenarios/data/edge-list-people.csv")
    parser.add_argument("--edges-out", default="scenarios/data/edge-list-edges.csv")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    ages, households, districts, smokers = [], [], [], []
    household = 0
    while len(ages) < args.people:
        size = min(rng.choice([1, 2, 2, 3, 3, 4, 5]), args.people - len(ages))
        for member in range(size):
            age = rng.randint(20, 80) if member == 0 else rng.randint(0, 90)
            ages.append(age)
            households.append(household)
            districts.append(household // args.households_per_district)
            smokers.append(1 if age >= 18 and rng.random() < args.smoker_share else 0)
        household += 1
    with open(args.people_out, "w", newline="\n") as out:
        out.write("age,household,district,smoker\n")
        for row in zip(ages, households, districts, smokers):
            out.write("%d,%d,%d,%d\n" % row)

    stubs = [i for i in range(args.people) for _ in range(poisson(rng, args.mean_degree))]
    rng.shuffle(stubs)
    seen, edges = set(), []
    for s in range(0, len(stubs) - 1, 2):
        a, b = sorted((stubs[s], stubs[s + 1]))
        if a != b and (a, b) not in seen:
            seen.add((a, b))
            edges.append((a, b))
    with open(args.edges_out, "w", newline="\n") as out:
        out.write("a,b,weight\n")
        for a, b in edges:
            weight = 1 if districts[a] == districts[b] else args.cross_weight
            out.write("%d,%d,%g\n" % (a, b, weight))
    print("wrote %s (%d people, %d households) and %s (%d edges)" % (args.people_out, args.people, household, args.edges_out, len(edges)))


if __name__ == "__main__":
    main()
