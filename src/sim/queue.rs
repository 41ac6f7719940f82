//! The priority queue behind every shortest-path search on the map (supply, movement, the
//! AI's distance fields). Step costs are small whole numbers and a search only ever asks for
//! costs no lower than the last it took out, so a ring of buckets, one per cost, does the
//! work of a binary heap in a fraction of the time: most of an AI turn is such searches.
//!
//! It hands items out in exactly the order a `BinaryHeap<Reverse<(cost, item)>>` would
//! (cheapest first, then lowest item), so a search gives the same result, ties included.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Costs this far ahead of the cheapest are kept in the ring; further ones wait in a heap.
/// Wider than any step on a map (terrain, road and river together), so only a search's
/// starting points ever wait there.
const WINDOW: u32 = 64;

thread_local! {
    /// Rings left by finished searches, kept for the next: their buckets keep what they
    /// grew to, so a search seldom allocates (an AI turn runs hundreds).
    static SPARE_RINGS: RefCell<Vec<Vec<Vec<u32>>>> = const { RefCell::new(Vec::new()) };
}

/// Spare rings kept per thread: more than searches ever nest.
const SPARE_LIMIT: usize = 4;

/// A min-queue of `(cost, item)` for searches whose costs never go down: every push made
/// after the first pop costs at least as much as the last item popped.
#[derive(Debug)]
pub struct CostQueue {
    /// Bucket `cost % WINDOW` holds the items at `cost`, for costs in
    /// `current..current + WINDOW`.
    ring: Vec<Vec<u32>>,
    /// The cost of the bucket being emptied.
    current: u32,
    /// Whether popping has begun: before it, items may come in any order and all wait in
    /// `far`.
    started: bool,
    /// Items in the ring.
    in_ring: usize,
    /// Whether the current bucket is sorted (highest item first, so the lowest pops first).
    sorted: bool,
    /// Items beyond the ring's window, and every item before popping begins.
    far: BinaryHeap<Reverse<(u32, u32)>>,
}

impl Default for CostQueue {
    fn default() -> Self {
        let ring = SPARE_RINGS
            .with(|s| s.borrow_mut().pop())
            .unwrap_or_else(|| vec![Vec::new(); WINDOW as usize]);
        CostQueue {
            ring,
            current: 0,
            started: false,
            in_ring: 0,
            sorted: false,
            far: BinaryHeap::new(),
        }
    }
}

impl Drop for CostQueue {
    fn drop(&mut self) {
        let mut ring = std::mem::take(&mut self.ring);
        ring.iter_mut().for_each(Vec::clear);
        // A thread being torn down has no spares to keep.
        let _ = SPARE_RINGS.try_with(|s| {
            let mut s = s.borrow_mut();
            if s.len() < SPARE_LIMIT {
                s.push(ring);
            }
        });
    }
}

impl CostQueue {
    /// An empty queue.
    pub fn new() -> CostQueue {
        CostQueue::default()
    }

    /// Adds an item. Once popping has begun, a cost below the last one popped is taken as
    /// that cost: a search with no negative steps never asks for one.
    pub fn push(&mut self, cost: u32, item: u32) {
        if !self.started {
            self.far.push(Reverse((cost, item)));
            return;
        }
        debug_assert!(cost >= self.current, "costs must not go down");
        let cost = cost.max(self.current);
        if cost - self.current >= WINDOW {
            self.far.push(Reverse((cost, item)));
            return;
        }
        let bucket = &mut self.ring[(cost % WINDOW) as usize];
        if cost == self.current && self.sorted {
            // Highest first: the new item goes before the first one lower than it.
            let at = bucket.partition_point(|&x| x > item);
            bucket.insert(at, item);
        } else {
            bucket.push(item);
        }
        self.in_ring += 1;
    }

    /// Takes out the cheapest item (the lowest of equal cost) with its cost.
    pub fn pop(&mut self) -> Option<(u32, u32)> {
        if !self.started {
            let Reverse((cost, _)) = *self.far.peek()?;
            self.started = true;
            self.enter(cost);
        }
        loop {
            let b = (self.current % WINDOW) as usize;
            if !self.ring[b].is_empty() {
                if !self.sorted {
                    self.ring[b].sort_unstable_by(|a, b| b.cmp(a));
                    self.sorted = true;
                }
                self.in_ring -= 1;
                return self.ring[b].pop().map(|item| (self.current, item));
            }
            // This cost is done: on to the next, or straight to the next far item.
            if self.in_ring > 0 {
                self.enter(self.current + 1);
            } else if let Some(&Reverse((cost, _))) = self.far.peek() {
                self.enter(cost);
            } else {
                self.started = false;
                return None;
            }
        }
    }

    /// Moves on to the bucket at `cost`, bringing into the ring the far items now within
    /// its window.
    fn enter(&mut self, cost: u32) {
        self.current = cost;
        self.sorted = false;
        while let Some(&Reverse((cost, item))) = self.far.peek() {
            if cost - self.current >= WINDOW {
                break;
            }
            self.far.pop();
            self.ring[(cost % WINDOW) as usize].push(item);
            self.in_ring += 1;
        }
    }

    /// Whether nothing is left.
    pub fn is_empty(&self) -> bool {
        self.in_ring == 0 && self.far.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plays the same monotone pushes and pops on the queue and on a binary heap, with a
    /// small deterministic generator, and checks they hand out the same items in order.
    fn same_as_heap(seed: u64, max_step: u32, seeds_spread: u32) {
        let mut r = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut next = |m: u32| {
            r = r
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((r >> 33) as u32) % m.max(1)
        };
        let mut q = CostQueue::new();
        let mut h = BinaryHeap::new();
        for _ in 0..1 + next(20) {
            let (c, i) = (next(seeds_spread), next(50));
            q.push(c, i);
            h.push(Reverse((c, i)));
        }
        let mut popped = 0;
        while let Some(Reverse(want)) = h.pop() {
            assert_eq!(q.pop(), Some(want), "seed {seed}, pop {popped}");
            popped += 1;
            for _ in 0..next(4) {
                let (c, i) = (want.0 + next(max_step + 1), next(50));
                q.push(c, i);
                h.push(Reverse((c, i)));
            }
            if popped > 2_000 {
                break;
            }
        }
        if h.is_empty() {
            assert_eq!(q.pop(), None);
        }
    }

    #[test]
    fn hands_out_items_in_the_order_a_binary_heap_would() {
        for seed in 0..300 {
            // Zero-cost steps, steps wider than the ring, start points far apart.
            same_as_heap(seed, 3, 5);
            same_as_heap(seed, 12, 400);
            same_as_heap(seed, 150, 1_000);
        }
    }

    #[test]
    fn starts_again_after_running_empty() {
        let mut q = CostQueue::new();
        q.push(500, 1);
        assert_eq!(q.pop(), Some((500, 1)));
        assert_eq!(q.pop(), None);
        q.push(3, 2);
        q.push(3, 1);
        assert_eq!(q.pop(), Some((3, 1)));
        assert_eq!(q.pop(), Some((3, 2)));
        assert!(q.is_empty());
    }
}
