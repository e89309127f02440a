//! Random programs checked against a model of the actor (issue 6).
//!
//! A program is a list of operations on up to three actors, each reached
//! through up to three strong addresses: spawn, ask, tell, a message whose
//! handler panics, a handler that holds the actor until released, stop,
//! kill, clone or drop an address (the last strong one too), upgrade a weak
//! one. [`Model`] says, in plain sequential Rust, what each operation must
//! observe and how each actor ends; [`World`] runs the same program on a
//! current-thread and on a multi-thread runtime. Every reply, every error,
//! every stop reason and each actor's journal (written by its hooks and
//! handlers) must be the model's. Each rule of the model cites, as `[n]`, the
//! promise of `docs/semantics.md` it encodes. After the program, an epilogue
//! releases every hold and drops every address, so that each actor has
//! stopped when the journals are compared.
//!
//! # Waiting where the runtime leaves things to timing
//!
//! The program waits as a user who needs to know would, so that every
//! outcome is determined and the model never has to allow either:
//!
//! - **Messages queue up only behind a hold.** A `Hold` asks a handler that
//!   waits for its `Release`, and the program goes on only once that handler
//!   runs: until then, what is sent is accepted and queued, with a known
//!   mailbox length [1, 5]. Without a hold, the model takes each message as
//!   handled when it is sent, in order [1, 2, 3], which nothing the program
//!   observes later can contradict, but for a kill (next rule).
//! - **A kill waits until the actor has taken its mail.** A kill drops what
//!   is still queued [15], which without a hold is down to timing; so before
//!   killing an actor that is not held, the program waits until
//!   `mailbox_len()` is 0 [5]: every message is then with a handler, and a
//!   handler that never awaits runs to its end [15].
//! - **An actor bound to stop is waited for.** Once the model knows an
//!   actor will stop by itself (a handler panicked, it was killed, or it was
//!   stopped or lost its last strong address and no hold keeps it busy), the
//!   program awaits `wait_stopped()` before its next operation [14, 15, 16,
//!   18 say it stops, not when; 17 says the wait returns after `on_stop`].
//! - **Asks behind a hold are sent by the program's task.** Their futures are
//!   polled once, which sends them, and kept until the `Release` or `Kill`
//!   that decides their fate [2]. Each owns a clone of the address it was
//!   sent through, as an ask holds its address until answered, so a held
//!   actor always has a strong address: its pending hold.
//!
//! Nothing is timed: an ask that never ends or an actor that never stops
//! (against [9] or [17]) would hang the test rather than fail it.
//!
//! # Finding and keeping a failure
//!
//! On a mismatch proptest shrinks the program and prints it as a Rust list
//! of [`Op`]s, one per line with its index. Failures are not persisted:
//! proptest's seed file would replay a different program as soon as the
//! strategy changes, so a failure worth keeping becomes a named test that
//! checks its program literally, as the ones at the end of this file do.
//! `PROPTEST_CASES` runs more cases.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, Once};
use std::task::Poll;

use greenroom::prelude::*;
use greenroom::Error;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use tokio::sync::oneshot;

/// Actor slots: a `Spawn` takes the first that is free or holds a stopped actor.
const ACTORS: usize = 3;
/// Strong address slots per actor.
const ADDRS: usize = 3;
/// Operations per program, after the leading `Spawn`s.
const MAX_OPS: usize = 60;
/// Programs per run, unless `PROPTEST_CASES` says otherwise.
const CASES: u32 = 1024;

// ---------------------------------------------------------------------------
// The actor under test

/// What an actor did, in the order it did it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Started,
    /// An `add`, named by the index of the operation that sent it.
    Added(usize),
    Held,
    Released,
    Stopped(StopReason),
}

type Journal = Arc<Mutex<Vec<Entry>>>;

#[actor]
struct Tally {
    added: u32,
    journal: Journal,
}

impl Tally {
    fn write(&self, entry: Entry) {
        self.journal.lock().unwrap().push(entry);
    }
}

#[actor]
impl Tally {
    #[on_start]
    fn started(&mut self) {
        self.write(Entry::Started);
    }

    /// Replies with how many `add`s the actor has handled, this one included.
    #[handler]
    fn add(&mut self, op: usize) -> u32 {
        self.added += 1;
        self.write(Entry::Added(op));
        self.added
    }

    /// Panics with `why`.
    #[handler]
    fn explode(&mut self, why: String) -> u32 {
        panic!("{why}");
    }

    /// Says it runs, then keeps the actor busy until released.
    #[handler]
    async fn hold(&mut self, running: oneshot::Sender<()>, release: oneshot::Receiver<()>) {
        self.write(Entry::Held);
        let _ = running.send(());
        let _ = release.await;
        self.write(Entry::Released);
    }

    #[on_stop]
    fn stopped(&mut self, reason: &StopReason) {
        self.write(Entry::Stopped(reason.clone()));
    }
}

/// The start of every planned panic's message.
const BOOM: &str = "boom at operation";

fn boom(op: usize) -> String {
    format!("{BOOM} {op}")
}

// ---------------------------------------------------------------------------
// Programs

/// One step of a program. `actor` and `addr` name slots; an operation on an
/// empty slot is skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// Starts an actor in the first slot that is free or holds a stopped
    /// actor, with strong addresses in address slots 0 and 1: the one
    /// `spawn` returns and a clone.
    Spawn,
    /// Asks `add`, or `explode` if `panics`, through address slot `addr`.
    Ask {
        actor: usize,
        addr: usize,
        panics: bool,
    },
    /// Tells `add`, or `explode` if `panics` (`.tell().await`).
    Tell {
        actor: usize,
        addr: usize,
        panics: bool,
    },
    /// Asks `hold` and waits until its handler runs. Skipped while a hold is
    /// in place: holds do not nest.
    Hold {
        actor: usize,
        addr: usize,
    },
    /// Lets the `hold` handler return.
    Release {
        actor: usize,
    },
    Stop {
        actor: usize,
        addr: usize,
    },
    Kill {
        actor: usize,
        addr: usize,
    },
    /// Clones one of the actor's strong addresses into the empty slot `addr`.
    CloneAddr {
        actor: usize,
        addr: usize,
    },
    DropAddr {
        actor: usize,
        addr: usize,
    },
    /// Upgrades the actor's weak address into the empty slot `addr`.
    Upgrade {
        actor: usize,
        addr: usize,
    },
}

/// Operations, printed as a Rust list with each one's index.
struct Program(Vec<Op>);

impl fmt::Debug for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "[")?;
        for (index, op) in self.0.iter().enumerate() {
            writeln!(f, "    {op:?}, // {index}")?;
        }
        write!(f, "]")
    }
}

fn op() -> impl Strategy<Value = Op> {
    let actor = || 0..ACTORS;
    let addr = || 0..ADDRS;
    // Most messages are handled; a panic ends the actor.
    let panics = || prop::bool::weighted(0.1);
    prop_oneof![
        2 => Just(Op::Spawn),
        5 => (actor(), addr(), panics()).prop_map(|(actor, addr, panics)| Op::Ask { actor, addr, panics }),
        5 => (actor(), addr(), panics()).prop_map(|(actor, addr, panics)| Op::Tell { actor, addr, panics }),
        3 => (actor(), addr()).prop_map(|(actor, addr)| Op::Hold { actor, addr }),
        1 => actor().prop_map(|actor| Op::Release { actor }),
        1 => (actor(), addr()).prop_map(|(actor, addr)| Op::Stop { actor, addr }),
        1 => (actor(), addr()).prop_map(|(actor, addr)| Op::Kill { actor, addr }),
        2 => (actor(), addr()).prop_map(|(actor, addr)| Op::CloneAddr { actor, addr }),
        3 => (actor(), addr()).prop_map(|(actor, addr)| Op::DropAddr { actor, addr }),
        1 => (actor(), addr()).prop_map(|(actor, addr)| Op::Upgrade { actor, addr }),
    ]
}

/// One `Spawn` or more (mostly one per actor slot, but shrinking tries
/// fewer), so that something runs, then random operations.
fn program() -> impl Strategy<Value = Program> {
    let spawns = prop_oneof![1 => Just(1), 1 => Just(2), 6 => Just(ACTORS)];
    (spawns, prop::collection::vec(op(), 0..=MAX_OPS))
        .prop_map(|(spawns, ops)| Program(std::iter::repeat_n(Op::Spawn, spawns).chain(ops).collect()))
}

/// What runs after every program: each hold released and every address
/// dropped, so that each actor ends and its whole journal can be compared.
fn epilogue() -> Vec<Op> {
    (0..ACTORS)
        .flat_map(|actor| {
            std::iter::once(Op::Release { actor }).chain((0..ADDRS).map(move |addr| Op::DropAddr { actor, addr }))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// What an operation observes

/// A reply as the asker sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Reply {
    /// From `add`: how many `add`s the actor has handled.
    Count(u32),
    /// From `hold`: it was released.
    Released,
}

type Answer = Result<Reply, Error>;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seen {
    /// No such actor, an empty address slot (a full one for `CloneAddr` and
    /// `Upgrade`), nothing to release, or a hold already in place.
    Skipped,
    Done,
    Spawned {
        actor: usize,
    },
    /// An ask answered (or refused) before the next operation.
    Answered(Answer),
    Told(Result<(), Error>),
    /// Accepted behind a hold, which left this many messages in the mailbox.
    /// An ask is answered by the `Release` or `Kill` that ends the hold.
    Queued {
        mailbox_len: usize,
    },
    /// The hold's handler runs: nothing else is handled until it returns.
    Holding,
    Upgraded(bool),
}

/// Everything one operation observes, compared whole.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    seen: Seen,
    /// Asks left pending by earlier operations and answered by this one,
    /// each with the index of the operation that sent it.
    answers: Vec<(usize, Answer)>,
    /// Actors that stopped, with what `wait_stopped()` returned.
    stopped: Vec<(usize, StopReason)>,
    /// `is_alive()` of each actor slot, afterwards.
    alive: Vec<bool>,
}

impl Step {
    fn new() -> Step {
        Step { seen: Seen::Skipped, answers: Vec::new(), stopped: Vec::new(), alive: Vec::new() }
    }
}

// ---------------------------------------------------------------------------
// The model

#[derive(Debug, Default)]
struct Model {
    actors: Vec<ActorModel>,
    /// Journals of stopped actors whose slot a later `Spawn` took.
    retired: Vec<Vec<Entry>>,
}

#[derive(Debug)]
struct ActorModel {
    slot: usize,
    life: Life,
    addrs: [bool; ADDRS],
    /// The index of the `Hold` whose handler runs, if one does.
    hold: Option<usize>,
    /// Accepted behind the hold, not yet handled.
    queue: VecDeque<Message>,
    added: u32,
    journal: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Life {
    Running,
    /// `stop()` was called: it refuses messages, and handles the queued ones.
    Stopping,
    Stopped(StopReason),
}

/// A message sent by operation `op`.
#[derive(Debug, Clone, Copy)]
struct Message {
    op: usize,
    asked: bool,
    panics: bool,
}

impl Model {
    fn apply(&mut self, index: usize, op: Op) -> Step {
        let mut step = Step::new();
        step.seen = match op {
            Op::Spawn => self.spawn(),
            Op::Ask { actor, addr, panics } => self
                .through(actor, addr)
                .map_or(Seen::Skipped, |a| a.send(Message { op: index, asked: true, panics }, &mut step)),
            Op::Tell { actor, addr, panics } => self
                .through(actor, addr)
                .map_or(Seen::Skipped, |a| a.send(Message { op: index, asked: false, panics }, &mut step)),
            Op::Hold { actor, addr } => self.through(actor, addr).map_or(Seen::Skipped, |a| a.hold(index)),
            Op::Release { actor } => self.actors.get_mut(actor).map_or(Seen::Skipped, |a| a.release(&mut step)),
            Op::Stop { actor, addr } => self.through(actor, addr).map_or(Seen::Skipped, ActorModel::stop),
            Op::Kill { actor, addr } => self.through(actor, addr).map_or(Seen::Skipped, |a| a.kill(&mut step)),
            Op::CloneAddr { actor, addr } => match self.actors.get_mut(actor) {
                Some(a) if !a.addrs[addr] && a.addrs.contains(&true) => {
                    // [16] A clone is a strong address like any other.
                    a.addrs[addr] = true;
                    Seen::Done
                }
                _ => Seen::Skipped,
            },
            Op::DropAddr { actor, addr } => self.through(actor, addr).map_or(Seen::Skipped, |a| {
                a.addrs[addr] = false;
                Seen::Done
            }),
            Op::Upgrade { actor, addr } => match self.actors.get_mut(actor) {
                Some(a) if !a.addrs[addr] => a.upgrade(addr),
                _ => Seen::Skipped,
            },
        };
        for actor in &mut self.actors {
            actor.settle(&mut step);
        }
        step.alive = self.actors.iter().map(|a| !matches!(a.life, Life::Stopped(_))).collect();
        step
    }

    /// The actor in `actor`, if its address slot `addr` holds an address.
    fn through(&mut self, actor: usize, addr: usize) -> Option<&mut ActorModel> {
        self.actors.get_mut(actor).filter(|a| a.addrs[addr])
    }

    fn spawn(&mut self) -> Seen {
        let slot = self.actors.iter().position(|a| matches!(a.life, Life::Stopped(_))).unwrap_or(self.actors.len());
        if slot == ACTORS {
            return Seen::Skipped;
        }
        let actor = ActorModel {
            slot,
            life: Life::Running,
            addrs: std::array::from_fn(|addr| addr < 2),
            hold: None,
            queue: VecDeque::new(),
            added: 0,
            // [4] `on_start` runs before the first message. It runs even if
            // the actor is stopped or killed before its task first ran, as
            // `stopping.rs::kill_during_a_graceful_stop_ends_the_drain` checks.
            journal: vec![Entry::Started],
        };
        if slot == self.actors.len() {
            self.actors.push(actor);
        } else {
            let stopped = std::mem::replace(&mut self.actors[slot], actor);
            self.retired.push(stopped.journal);
        }
        Seen::Spawned { actor: slot }
    }

    /// Every journal, retired ones first, in the order the world keeps them.
    fn journals(&self) -> Vec<Vec<Entry>> {
        self.retired.iter().cloned().chain(self.actors.iter().map(|a| a.journal.clone())).collect()
    }
}

impl ActorModel {
    fn send(&mut self, message: Message, step: &mut Step) -> Seen {
        if self.life != Life::Running {
            // [14] A stopping actor refuses new messages at once, and a
            // stopped one refuses every message (the intro of "Stopping"),
            // with `Error::Stopped` [9].
            return if message.asked { Seen::Answered(Err(Error::Stopped)) } else { Seen::Told(Err(Error::Stopped)) };
        }
        if self.hold.is_some() {
            // [1] The hold's handler runs to completion before the next
            // message. [5] Accepted messages count in `mailbox_len()`.
            self.queue.push_back(message);
            return Seen::Queued { mailbox_len: self.queue.len() };
        }
        // Not held: handled now, in the order sent [1, 2, 3].
        let answer = self.handle(message, step);
        if message.asked {
            Seen::Answered(answer)
        } else {
            Seen::Told(Ok(()))
        }
    }

    /// Handles `message` and returns its answer.
    fn handle(&mut self, message: Message, step: &mut Step) -> Answer {
        if message.panics {
            // [18] The ask gets `Panicked` with the message, the actor stops
            // with `Panicked`; the same for a told message.
            let why = boom(message.op);
            self.stopped(StopReason::Panicked(why.clone()), step);
            return Err(Error::Panicked(why));
        }
        self.added += 1;
        self.journal.push(Entry::Added(message.op));
        Ok(Reply::Count(self.added))
    }

    fn hold(&mut self, op: usize) -> Seen {
        if self.hold.is_some() {
            return Seen::Skipped;
        }
        if self.life != Life::Running {
            // [14], [9], as for any message.
            return Seen::Answered(Err(Error::Stopped));
        }
        // Handled after what was sent before [2], which the model has
        // handled already.
        self.hold = Some(op);
        self.journal.push(Entry::Held);
        Seen::Holding
    }

    fn release(&mut self, step: &mut Step) -> Seen {
        let Some(hold) = self.hold.take() else { return Seen::Skipped };
        // [1] The hold's handler runs to its end, then the queue in order [2].
        self.journal.push(Entry::Released);
        step.answers.push((hold, Ok(Reply::Released)));
        while let Some(message) = self.queue.pop_front() {
            let answer = if let Life::Stopped(_) = self.life {
                // [18] Asks queued behind a panic get `Error::Stopped`; told
                // messages there are never handled.
                Err(Error::Stopped)
            } else {
                // [14] A stopping actor handles what it had accepted.
                self.handle(message, step)
            };
            if message.asked {
                step.answers.push((message.op, answer));
            }
        }
        Seen::Done
    }

    fn stop(&mut self) -> Seen {
        // [14] Graceful: it refuses new messages now, and stops once it has
        // handled the queued ones (see `settle`). A stopped actor stays so.
        if self.life == Life::Running {
            self.life = Life::Stopping;
        }
        Seen::Done
    }

    fn kill(&mut self, step: &mut Step) -> Seen {
        if let Life::Stopped(_) = self.life {
            return Seen::Done;
        }
        // [15] The hold's handler, waiting at an `.await`, is abandoned:
        // its ask gets `Error::Interrupted`.
        if let Some(hold) = self.hold.take() {
            step.answers.push((hold, Err(Error::Interrupted)));
        }
        // [15] Queued messages are dropped; their asks get `Error::Stopped` [9].
        // (Without a hold nothing is queued: the program waited for the
        // actor to take its mail.)
        for message in self.queue.drain(..) {
            if message.asked {
                step.answers.push((message.op, Err(Error::Stopped)));
            }
        }
        // [15] `on_stop` runs with `Killed`, which overrides a stop in progress.
        self.stopped(StopReason::Killed, step);
        Seen::Done
    }

    fn upgrade(&mut self, addr: usize) -> Seen {
        // [16] A weak address reaches the actor while it runs;
        // `WeakAddr::upgrade` gives `None` once it stops accepting
        // messages [14]. A running actor without a hold always has a strong
        // address here, as losing the last one is waited for.
        let upgraded = self.life == Life::Running;
        self.addrs[addr] |= upgraded;
        Seen::Upgraded(upgraded)
    }

    /// Stops the actor if nothing keeps it any more. A hold keeps it: its
    /// handler runs, and its pending ask holds an address.
    fn settle(&mut self, step: &mut Step) {
        if self.hold.is_some() {
            return;
        }
        match self.life {
            // [14] Stopped once the queue is handled.
            Life::Stopping => self.stopped(StopReason::Normal, step),
            // [16] Every strong address gone, the mailbox handled.
            Life::Running if !self.addrs.contains(&true) => self.stopped(StopReason::Unreferenced, step),
            _ => {}
        }
    }

    fn stopped(&mut self, reason: StopReason, step: &mut Step) {
        // [17] `on_stop` runs once, last, with the reason, and
        // `wait_stopped()` returns after it with the same reason.
        self.journal.push(Entry::Stopped(reason.clone()));
        step.stopped.push((self.slot, reason.clone()));
        self.life = Life::Stopped(reason);
    }
}

// ---------------------------------------------------------------------------
// The world: the same program on real actors

/// An ask sent and not yet answered, which owns the address it went through.
type Pending = Pin<Box<dyn Future<Output = Answer>>>;

#[derive(Default)]
struct World {
    actors: Vec<Subject>,
    retired: Vec<Journal>,
}

/// A real actor and what the program holds of it.
struct Subject {
    weak: WeakAddr<Tally>,
    addrs: [Option<TallyAddr>; ADDRS],
    journal: Journal,
    hold: Option<PendingHold>,
    /// Asks accepted behind the hold, each with the operation that sent it.
    queued: Vec<(usize, Pending)>,
}

struct PendingHold {
    op: usize,
    release: oneshot::Sender<()>,
    ask: Pending,
}

impl World {
    /// Runs `op`, then waits for the actors the model says are bound to stop.
    async fn apply(&mut self, index: usize, op: Op, stopping: &[(usize, StopReason)]) -> Step {
        let mut step = Step::new();
        step.seen = match op {
            Op::Spawn => self.spawn(),
            Op::Ask { actor, addr, panics } => match self.through(actor, addr) {
                Some((subject, address)) => subject.ask(index, &address, panics).await,
                None => Seen::Skipped,
            },
            Op::Tell { actor, addr, panics } => match self.through(actor, addr) {
                Some((subject, address)) => subject.tell(index, &address, panics).await,
                None => Seen::Skipped,
            },
            Op::Hold { actor, addr } => match self.through(actor, addr) {
                Some((subject, address)) => subject.hold(index, address).await,
                None => Seen::Skipped,
            },
            Op::Release { actor } => match self.actors.get_mut(actor) {
                Some(subject) => subject.release(&mut step.answers).await,
                None => Seen::Skipped,
            },
            Op::Stop { actor, addr } => match self.through(actor, addr) {
                Some((_, address)) => {
                    address.stop();
                    Seen::Done
                }
                None => Seen::Skipped,
            },
            Op::Kill { actor, addr } => match self.through(actor, addr) {
                Some((subject, address)) => subject.kill(&address, &mut step.answers).await,
                None => Seen::Skipped,
            },
            Op::CloneAddr { actor, addr } => match self.actors.get_mut(actor) {
                Some(subject) if subject.addrs[addr].is_none() => {
                    match subject.addrs.iter().flatten().next().cloned() {
                        Some(address) => {
                            subject.addrs[addr] = Some(address);
                            Seen::Done
                        }
                        None => Seen::Skipped,
                    }
                }
                _ => Seen::Skipped,
            },
            Op::DropAddr { actor, addr } => match self.actors.get_mut(actor).and_then(|s| s.addrs[addr].take()) {
                Some(address) => {
                    drop(address);
                    Seen::Done
                }
                None => Seen::Skipped,
            },
            Op::Upgrade { actor, addr } => match self.actors.get_mut(actor) {
                Some(subject) if subject.addrs[addr].is_none() => {
                    subject.addrs[addr] = subject.weak.upgrade();
                    Seen::Upgraded(subject.addrs[addr].is_some())
                }
                _ => Seen::Skipped,
            },
        };
        for &(actor, _) in stopping {
            let reason = self.actors[actor].weak.wait_stopped().await;
            step.stopped.push((actor, reason));
        }
        step.alive = self.actors.iter().map(|subject| subject.weak.is_alive()).collect();
        step
    }

    /// The actor in `actor` and a clone of its address in slot `addr`, if
    /// there is one.
    fn through(&mut self, actor: usize, addr: usize) -> Option<(&mut Subject, TallyAddr)> {
        let subject = self.actors.get_mut(actor)?;
        let address = subject.addrs[addr].clone()?;
        Some((subject, address))
    }

    fn spawn(&mut self) -> Seen {
        let slot = self.actors.iter().position(|subject| !subject.weak.is_alive()).unwrap_or(self.actors.len());
        if slot == ACTORS {
            return Seen::Skipped;
        }
        let journal = Journal::default();
        let address = Tally { added: 0, journal: Arc::clone(&journal) }.spawn();
        let subject = Subject {
            weak: address.downgrade(),
            addrs: std::array::from_fn(|_| None),
            journal,
            hold: None,
            queued: Vec::new(),
        };
        if slot == self.actors.len() {
            self.actors.push(subject);
        } else {
            let stopped = std::mem::replace(&mut self.actors[slot], subject);
            self.retired.push(stopped.journal);
        }
        self.actors[slot].addrs = std::array::from_fn(|addr| (addr < 2).then(|| address.clone()));
        Seen::Spawned { actor: slot }
    }

    fn journals(&self) -> Vec<Vec<Entry>> {
        let journals = self.retired.iter().chain(self.actors.iter().map(|subject| &subject.journal));
        journals.map(|journal| journal.lock().unwrap().clone()).collect()
    }
}

impl Subject {
    async fn ask(&mut self, op: usize, address: &TallyAddr, panics: bool) -> Seen {
        let asker = address.clone();
        let mut ask: Pending = if panics {
            Box::pin(async move { asker.explode(boom(op)).await.map(Reply::Count) })
        } else {
            Box::pin(async move { asker.add(op).await.map(Reply::Count) })
        };
        if self.hold.is_none() {
            return Seen::Answered(ask.await);
        }
        match poll_once(&mut ask).await {
            Poll::Ready(answer) => Seen::Answered(answer),
            Poll::Pending => {
                self.queued.push((op, ask));
                Seen::Queued { mailbox_len: address.mailbox_len() }
            }
        }
    }

    async fn tell(&mut self, op: usize, address: &TallyAddr, panics: bool) -> Seen {
        let told = if panics { address.explode(boom(op)).tell().await } else { address.add(op).tell().await };
        match told {
            Ok(()) if self.hold.is_some() => Seen::Queued { mailbox_len: address.mailbox_len() },
            told => Seen::Told(told),
        }
    }

    async fn hold(&mut self, op: usize, address: TallyAddr) -> Seen {
        if self.hold.is_some() {
            return Seen::Skipped;
        }
        let (running, runs) = oneshot::channel();
        let (release, released) = oneshot::channel();
        let mut ask: Pending = Box::pin(async move { address.hold(running, released).await.map(|()| Reply::Released) });
        if let Poll::Ready(refused) = poll_once(&mut ask).await {
            return Seen::Answered(refused);
        }
        match runs.await {
            Ok(()) => {
                self.hold = Some(PendingHold { op, release, ask });
                Seen::Holding
            }
            // Dropped unhandled.
            Err(_) => Seen::Answered(ask.await),
        }
    }

    async fn release(&mut self, answers: &mut Vec<(usize, Answer)>) -> Seen {
        let Some(hold) = self.hold.take() else { return Seen::Skipped };
        let _ = hold.release.send(());
        answers.push((hold.op, hold.ask.await));
        for (op, ask) in self.queued.drain(..) {
            answers.push((op, ask.await));
        }
        Seen::Done
    }

    async fn kill(&mut self, address: &TallyAddr, answers: &mut Vec<(usize, Answer)>) -> Seen {
        if self.hold.is_none() {
            // Without a hold, what a kill finds queued is down to timing:
            // wait until every accepted message is with a handler [5].
            while address.mailbox_len() > 0 {
                tokio::task::yield_now().await;
            }
        }
        address.kill();
        if let Some(hold) = self.hold.take() {
            answers.push((hold.op, hold.ask.await));
            // Only now: a release that came before the kill was seen would
            // let the handler finish instead of being abandoned.
            drop(hold.release);
        }
        for (op, ask) in self.queued.drain(..) {
            answers.push((op, ask.await));
        }
        Seen::Done
    }
}

/// Polls `future` once with the current task's waker.
async fn poll_once<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
    std::future::poll_fn(|cx| Poll::Ready(Pin::new(&mut *future).poll(cx))).await
}

// ---------------------------------------------------------------------------
// Running a program

/// Runs `program` (then the epilogue) on a current-thread and on a
/// multi-thread runtime, each checked against a fresh model.
fn check(program: &[Op]) -> Result<(), TestCaseError> {
    quiet_planned_panics();
    let runtimes = [
        ("current-thread", tokio::runtime::Builder::new_current_thread().build().unwrap()),
        ("multi-thread", tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap()),
    ];
    for (flavor, runtime) in runtimes {
        runtime.block_on(run(program)).map_err(|error| TestCaseError::fail(format!("{flavor} runtime: {error}")))?;
    }
    Ok(())
}

async fn run(program: &[Op]) -> Result<(), TestCaseError> {
    let mut model = Model::default();
    let mut world = World::default();
    let epilogue = epilogue();
    for (index, &op) in program.iter().chain(&epilogue).enumerate() {
        let expected = model.apply(index, op);
        let seen = world.apply(index, op, &expected.stopped).await;
        let part = if index < program.len() { "" } else { " (epilogue)" };
        prop_assert_eq!(seen, expected, "operation {}{}: {:?} (left: seen, right: the model)", index, part, op);
    }
    prop_assert!(model.actors.iter().all(|a| matches!(a.life, Life::Stopped(_))), "the epilogue stops every actor");
    prop_assert_eq!(world.journals(), model.journals(), "journals (left: seen, right: the model)");
    Ok(())
}

/// Keeps the actors' planned panics out of the output, which would
/// otherwise bury the report of a failure.
fn quiet_planned_panics() {
    static QUIET: Once = Once::new();
    QUIET.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let planned = info.payload_as_str().is_some_and(|message| message.starts_with(BOOM));
            if !planned {
                report(info);
            }
        }));
    });
}

fn config() -> ProptestConfig {
    let defaults = ProptestConfig::default();
    ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() { defaults.cases } else { CASES },
        // See the module docs: a failure worth keeping becomes a named test.
        failure_persistence: None,
        ..defaults
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_programs_behave_as_the_model_says(program in program()) {
        check(&program.0)?;
    }
}

// ---------------------------------------------------------------------------
// Programs checked literally

/// A held actor whose addresses are all dropped lives on (its pending hold
/// holds one), can be reached by upgrading its weak address, and stops
/// `Unreferenced` once released and every address is gone again, after
/// handling what was queued.
#[test]
fn a_held_actor_outlives_its_addresses_until_released() {
    use Op::*;
    check(&[
        Spawn,
        Hold { actor: 0, addr: 0 },
        Tell { actor: 0, addr: 0, panics: false },
        DropAddr { actor: 0, addr: 0 },
        DropAddr { actor: 0, addr: 1 },
        Upgrade { actor: 0, addr: 2 },
        Ask { actor: 0, addr: 2, panics: false },
        DropAddr { actor: 0, addr: 2 },
        Release { actor: 0 },
    ])
    .unwrap();
}

/// A kill during a graceful stop interrupts the hold, fails the queued asks
/// and drops a queued panic unhandled; the other actor goes on.
#[test]
fn a_kill_during_a_stop_ends_the_drain_of_a_held_actor() {
    use Op::*;
    check(&[
        Spawn,
        Spawn,
        Hold { actor: 0, addr: 0 },
        Ask { actor: 0, addr: 0, panics: false },
        Tell { actor: 0, addr: 0, panics: true },
        Stop { actor: 0, addr: 0 },
        Ask { actor: 0, addr: 0, panics: false },
        Kill { actor: 0, addr: 0 },
        Ask { actor: 1, addr: 0, panics: false },
    ])
    .unwrap();
}
