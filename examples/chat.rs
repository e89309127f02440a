//! A TCP chat server: one `Room` actor, and one `Connection` actor per client.
//!
//! Run it with `cargo run --example chat -- 4000` (without a port, any free
//! one is taken and printed), then connect a few clients with
//! `nc 127.0.0.1 4000`. Every line a client sends goes to every client,
//! the sender included, prefixed with the sender's name.
//!
//! The protocol, one line each, server to client:
//!
//! - `* you are NAME`: the first line a client gets, once it is in the room;
//! - `* NAME joined (N online)` and `* NAME left (N online)`;
//! - `NAME: TEXT`: a line NAME sent.
//!
//! How it fits together:
//!
//! - The room handles one message at a time and puts each line in every
//!   member's mailbox before it takes the next, so all members see the same
//!   lines in the same order.
//! - A client that reads slowly slows the room down: the room waits for room
//!   in its mailbox, the room's own mailbox fills, and the reading tasks wait
//!   to tell it more, which stops reading from the sockets. So a burst is
//!   absorbed without losing a line. A client that does not read at all is
//!   disconnected once the room has waited [`PATIENCE`] for it, so it stalls
//!   the others that long at most.
//! - A connection actor owns the socket's write half and writes the lines the
//!   room delivers. The read half belongs to a small task of its own that
//!   tells each line to the room, so waiting for input never blocks the
//!   actor's mailbox.
//! - Ownership runs one way: the room holds its members' addresses, each
//!   reading task holds the room's. When a client hangs up, its reading task
//!   tells the room that it left; the room drops the member's address, and
//!   the connection actor, no longer referenced, stops and closes the socket.

use std::collections::VecDeque;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use greenroom::prelude::*;
use greenroom::ActorId;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::AbortHandle;

/// How many lines may wait for one client before the room waits for it.
pub const OUTBOX: usize = 128;

/// How long the room waits for room among a client's waiting lines before it
/// disconnects the client.
pub const PATIENCE: Duration = Duration::from_secs(5);

/// Accepts clients on `listener` forever, all in one room.
///
/// Returns only when accepting a connection fails. The room lives on while
/// connected clients remain.
///
/// # Errors
///
/// The error of `accept`.
pub async fn serve(listener: TcpListener) -> io::Result<()> {
    let room = Room::default().spawn();
    loop {
        let (stream, peer) = listener.accept().await?;
        // The connection joins the room itself; its address is not needed here.
        Connection::new(stream, peer, room.clone()).spawn_with(Mailbox::bounded(OUTBOX));
    }
}

/// One member of the room.
#[derive(Debug)]
struct Member {
    id: ActorId,
    name: String,
    connection: ConnectionAddr,
}

/// The chat room: who is in it, and the order of everything said.
#[actor]
#[derive(Debug, Default)]
pub struct Room {
    members: Vec<Member>,
    /// Members ever joined, to name the next one.
    joined: u64,
}

#[actor]
impl Room {
    /// Adds `connection` (the client at `peer`) to the room and returns the
    /// name it got. Its first line is `* you are NAME`.
    #[handler]
    pub async fn join(&mut self, connection: ConnectionAddr, peer: SocketAddr) -> String {
        self.joined += 1;
        let name = format!("guest{}", self.joined);
        let id = connection.id();
        // Its mailbox is new and empty, so only a stopped connection refuses.
        if connection.deliver(format!("* you are {name}\n").into()).try_tell().is_ok() {
            self.members.push(Member { id, name: name.clone(), connection });
            println!("{name} ({peer}) joined");
            self.broadcast(format!("* {name} joined ({} online)\n", self.members.len())).await;
        }
        name
    }

    /// The member `from` sent `text`: every member gets `NAME: TEXT`.
    /// Lines from connections that are not members (any more) are dropped.
    #[handler]
    pub async fn say(&mut self, from: ActorId, text: String) {
        if let Some(member) = self.members.iter().find(|member| member.id == from) {
            let line = format!("{}: {text}\n", member.name);
            self.broadcast(line).await;
        }
    }

    /// The member `member` left. Leaving twice is harmless.
    #[handler]
    pub async fn leave(&mut self, member: ActorId) {
        if let Some(index) = self.members.iter().position(|m| m.id == member) {
            let gone = self.members.remove(index);
            println!("{} left", gone.name);
            self.broadcast(format!("* {} left ({} online)\n", gone.name, self.members.len())).await;
        }
    }

    /// Puts `line` in every member's mailbox, in turn. Members that cannot
    /// take it (stopped, or too slow for [`PATIENCE`]) are removed, and the
    /// others told.
    async fn broadcast(&mut self, line: String) {
        let mut lines = VecDeque::from([line]);
        while let Some(line) = lines.pop_front() {
            let line: Arc<str> = line.into();
            let mut gone = Vec::new();
            for member in &self.members {
                let delivered = member.connection.deliver(Arc::clone(&line)).timeout(PATIENCE).tell().await;
                if let Err(error) = delivered {
                    if let greenroom::Error::Timeout(_) = error {
                        // OUTBOX lines unwritten for PATIENCE: the client stopped reading.
                        println!("{} is not reading and was disconnected", member.name);
                        member.connection.kill();
                    }
                    gone.push(member.id);
                }
            }
            for id in gone {
                if let Some(index) = self.members.iter().position(|member| member.id == id) {
                    let member = self.members.remove(index);
                    lines.push_back(format!("* {} left ({} online)\n", member.name, self.members.len()));
                }
            }
        }
    }
}

/// One client: writes what the room delivers to the client's socket.
#[actor]
#[derive(Debug)]
pub struct Connection {
    writer: OwnedWriteHalf,
    peer: SocketAddr,
    /// The read half and the room, until `on_start` hands them to the reading task.
    pending: Option<(OwnedReadHalf, RoomAddr)>,
    /// The reading task, stopped along with the actor.
    reading: Option<AbortHandle>,
    /// Set once writing failed: the client is gone.
    broken: bool,
}

#[actor]
impl Connection {
    /// A connection for the client at `peer`, to join `room` once spawned.
    pub fn new(stream: TcpStream, peer: SocketAddr, room: RoomAddr) -> Connection {
        let (reader, writer) = stream.into_split();
        Connection { writer, peer, pending: Some((reader, room)), reading: None, broken: false }
    }

    /// Joins the room, and only then starts reading the client's lines, so
    /// that none of them arrives before the client is a member.
    #[on_start]
    async fn start(&mut self, ctx: &mut Context<Self>) {
        let Some((reader, room)) = self.pending.take() else { return };
        // The room keeps this strong address: it keeps the actor alive
        // until the room lets go of it.
        if room.join(ctx.addr(), self.peer).await.is_err() {
            println!("{}: the room is closed", self.peer);
            return; // The address given to the room is gone: the actor stops.
        }
        let reading = tokio::spawn(read_lines(reader, ctx.id(), room));
        self.reading = Some(reading.abort_handle());
    }

    /// Writes one line, which ends with `\n`, to the client.
    #[handler]
    pub async fn deliver(&mut self, line: Arc<str>, ctx: &mut Context<Self>) {
        if self.broken {
            return;
        }
        if let Err(error) = self.writer.write_all(line.as_bytes()).await {
            println!("{}: cannot write ({error})", self.peer);
            self.broken = true;
            // The room learns it at its next delivery, which is refused.
            ctx.stop();
        }
    }

    #[on_stop]
    fn stopped(&mut self) {
        // Dropping the read half (with the task) and the write half (with the
        // actor) closes the socket.
        if let Some(reading) = self.reading.take() {
            reading.abort();
        }
    }
}

/// Tells each line the client sends to the room as `member`'s, then tells
/// the room that `member` left. Ends early if the room is gone.
async fn read_lines(reader: OwnedReadHalf, member: ActorId, room: RoomAddr) {
    let mut lines = BufReader::new(reader).lines();
    // A read error (such as invalid UTF-8) ends the connection like a hang-up.
    while let Ok(Some(text)) = lines.next_line().await {
        if room.say(member, text).tell().await.is_err() {
            return;
        }
    }
    let _ = room.leave(member).tell().await;
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = match std::env::args().nth(1) {
        Some(arg) => arg.parse().map_err(|error| format!("port: `{arg}` is not a port number ({error})"))?,
        None => 0,
    };
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let address = listener.local_addr()?;
    println!("chat server on {address}; connect with `nc {} {}`", address.ip(), address.port());
    serve(listener).await?;
    Ok(())
}
