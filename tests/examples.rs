//! Each example runs here as written: its file is included as a module and
//! its entry point called, and what it returns is checked.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use greenroom::Actor;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

#[path = "../examples/bank.rs"]
#[allow(dead_code, unreachable_pub)]
mod bank;
#[path = "../examples/chat.rs"]
#[allow(dead_code, unreachable_pub)]
mod chat;
#[path = "../examples/expanded.rs"]
#[allow(dead_code, unreachable_pub)]
mod expanded;
#[path = "../examples/ping_pong.rs"]
#[allow(dead_code, unreachable_pub)]
mod ping_pong;
#[path = "../examples/quickstart.rs"]
#[allow(dead_code, unreachable_pub)]
mod quickstart;
#[path = "../examples/supervision.rs"]
#[allow(dead_code, unreachable_pub)]
mod supervision;

/// Fails the test instead of hanging it. Generous: no test relies on it
/// for anything but ending.
async fn within<F: Future>(what: &str, future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(60), future).await.unwrap_or_else(|_| panic!("{what}: still waiting"))
}

// ---- quickstart and expanded ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quickstart_walks_through_as_it_says() {
    let seen = within("the quickstart", quickstart::run()).await.expect("the counter answers while running");
    assert_eq!(seen.totals, [5, 7, 0, 4_000]);
    assert_eq!(seen.stopped, greenroom::StopReason::Normal);
    assert_eq!(seen.after_stop, Err(greenroom::Error::Stopped));
}

#[tokio::test(flavor = "current_thread")]
async fn the_written_out_expansion_behaves_like_the_macro() {
    let counter = expanded::Counter::default().spawn();
    assert_eq!(counter.add(2).await, Ok(2));
    assert_eq!(counter.get().await, Ok(2));
    counter.reset().await.unwrap();
    assert_eq!(counter.get().await, Ok(0));
}

// ---- ping_pong ----

async fn rally_of(rounds: u64) {
    let outcome = within("the rally", ping_pong::run(rounds)).await.expect("both actors answer");
    let rally = outcome.rally;
    assert_eq!(rally.served, rounds, "ping sent every ball");
    assert_eq!(rally.received_by_pong, rounds, "pong received every ball");
    assert_eq!(rally.returned, rounds, "pong sent every ball back");
    assert_eq!(rally.received_by_ping, rounds, "ping got every ball back");
    assert_eq!(rally.out_of_order, 0, "the balls came in the order they were played");
    // Neither actor was stopped explicitly: they stop because nothing keeps
    // them alive any more, which a reference cycle would prevent.
    assert_eq!(outcome.ping_stopped, greenroom::StopReason::Unreferenced);
    assert_eq!(outcome.pong_stopped, greenroom::StopReason::Unreferenced);
}

#[tokio::test]
async fn ping_pong_exchanges_exactly_n_messages_each_way() {
    rally_of(1_000).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ping_pong_exchanges_exactly_n_messages_each_way_on_many_threads() {
    rally_of(ping_pong::DEFAULT_ROUNDS).await;
}

#[tokio::test]
async fn ping_pong_of_no_rounds_ends_at_once() {
    rally_of(0).await;
}

// ---- bank ----

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bank_script_keeps_every_balance_and_the_total() {
    use bank::{Overdraft, TransferError};

    let ledger = within("the bank script", bank::run()).await.expect("the script runs");

    assert_eq!(ledger.first, bank::Receipt { amount: 30, payer_balance: 70, payee_balance: 80 });
    match &ledger.overdraft {
        Ok(Err(TransferError::Overdraft(Overdraft { account, balance: 80, requested: 500 }))) => {
            assert_eq!(account, "bob");
        }
        other => panic!("expected bob's overdraft as the teller's error reply, got {other:?}"),
    }
    assert_eq!(ledger.to_closed, Ok(Err(TransferError::PayeeUnavailable(greenroom::Error::Stopped))));
    assert_eq!(ledger.from_closed, Ok(Err(TransferError::PayerUnavailable(greenroom::Error::Stopped))));
    assert_eq!(ledger.concurrent_completed, bank::CONCURRENT);

    // 100 - 30 (to bob) + 20 - 20 (refunded) + 50 - 50 (concurrent) = 70.
    assert_eq!(ledger.balances, [("alice".to_owned(), 70), ("bob".to_owned(), 80)]);
    assert_eq!(ledger.closed_balance, 25);
    let expected_completed = 1 + bank::CONCURRENT as u64;
    assert_eq!(ledger.teller, bank::TellerStats { completed: expected_completed, failed: 3, held: 0 });
    assert_eq!(ledger.opening_total, 175);
    assert_eq!(ledger.closing_total, ledger.opening_total, "no money created or lost");
}

#[tokio::test]
async fn an_overdraft_is_the_error_reply_of_withdraw_and_takes_nothing() {
    let account = bank::Account::open("dave", 10);
    let reply = account.withdraw(11).await;
    assert_eq!(reply, Ok(Err(bank::Overdraft { account: "dave".to_owned(), balance: 10, requested: 11 })));
    let overdraft = reply.unwrap().unwrap_err();
    assert_eq!(overdraft.to_string(), "dave cannot pay 11: the balance is 10");
    let as_error: &dyn std::error::Error = &overdraft;
    assert!(as_error.source().is_none());
    assert_eq!(account.balance().await, Ok(10));
    assert_eq!(account.withdraw(10).await, Ok(Ok(0)));
}

#[tokio::test]
async fn transfer_error_replies_unwrap_with_two_question_marks() {
    async fn transfer(
        teller: &bank::TellerAddr,
        from: &bank::AccountAddr,
        to: &bank::AccountAddr,
        amount: u64,
    ) -> Result<bank::Receipt, Box<dyn std::error::Error + Send + Sync>> {
        Ok(teller.transfer(from.clone(), to.clone(), amount).await??)
    }

    let teller = bank::Teller::default().spawn();
    let (erin, frank) = (bank::Account::open("erin", 5), bank::Account::open("frank", 0));
    let receipt = transfer(&teller, &erin, &frank, 5).await.expect("erin has 5");
    assert_eq!(receipt, bank::Receipt { amount: 5, payer_balance: 0, payee_balance: 5 });

    let error = transfer(&teller, &erin, &frank, 1).await.expect_err("erin has nothing left");
    let error = error.downcast::<bank::TransferError>().expect("the teller's own error, not the runtime's");
    assert!(matches!(*error, bank::TransferError::Overdraft(bank::Overdraft { balance: 0, requested: 1, .. })));
    assert_eq!(error.to_string(), "refused: erin cannot pay 1: the balance is 0");
    assert_eq!((erin.balance().await, frank.balance().await), (Ok(0), Ok(5)));
}

// ---- chat ----

/// A test client: its name, the lines it reads and the half it writes to.
struct Client {
    name: String,
    reader: Reader,
    writer: OwnedWriteHalf,
}

/// The lines a client reads.
struct Reader {
    lines: Lines<BufReader<OwnedReadHalf>>,
}

impl Client {
    /// Connects and waits for the welcome line, which the server sends once
    /// the client is a member of the room.
    async fn connect(server: SocketAddr) -> Client {
        let stream = TcpStream::connect(server).await.expect("the server accepts");
        let (reader, writer) = stream.into_split();
        let mut lines = BufReader::new(reader).lines();
        let welcome = lines.next_line().await.expect("a readable line").expect("a welcome line");
        let name = welcome.strip_prefix("* you are ").unwrap_or_else(|| panic!("not a welcome: {welcome:?}"));
        Client { name: name.to_owned(), reader: Reader { lines }, writer }
    }
}

impl Reader {
    /// The next line, or `None` once the server closed the connection.
    async fn next_line(&mut self) -> Option<String> {
        self.lines.next_line().await.expect("a readable line")
    }

    /// The next chat line, as `(sender, text)`; room notices are skipped.
    async fn next_chat_line(&mut self) -> (String, String) {
        loop {
            let line = self.next_line().await.expect("the server keeps the connection open");
            if line.starts_with("* ") {
                continue;
            }
            let (sender, text) = line.split_once(": ").unwrap_or_else(|| panic!("not a chat line: {line:?}"));
            return (sender.to_owned(), text.to_owned());
        }
    }

    /// Reads until the line `* NAME left ...`.
    async fn wait_until_left(&mut self, name: &str) {
        let notice = format!("* {name} left");
        while let Some(line) = self.next_line().await {
            if line.starts_with(&notice) {
                return;
            }
        }
        panic!("the server closed the connection before announcing that {name} left");
    }
}

async fn start_chat_server() -> (SocketAddr, JoinHandle<io::Result<()>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let address = listener.local_addr().expect("a bound address");
    (address, tokio::spawn(chat::serve(listener)))
}

const CLIENTS: usize = 4;
const LINES_EACH: usize = 25;
const LAST_LINE: &str = "done";

/// What each chat client sends, in order: numbered lines, then [`LAST_LINE`].
fn sent_lines() -> Vec<String> {
    (0..LINES_EACH).map(|i| format!("line {i}")).chain([LAST_LINE.to_owned()]).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn chat_delivers_every_line_to_every_client_in_one_order() {
    let (server, serving) = start_chat_server().await;
    // One after the other, each waiting for its welcome: once the last is
    // welcomed, all are members.
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        clients.push(within("joining", Client::connect(server)).await);
    }
    let names: Vec<String> = clients.iter().map(|client| client.name.clone()).collect();
    let mut distinct = names.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), CLIENTS, "every client has a name of its own: {names:?}");

    // Every client writes and reads at the same time, from tasks of its own.
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|Client { name, mut reader, mut writer }| {
            let writing = tokio::spawn(async move {
                for line in sent_lines() {
                    writer.write_all(format!("{line}\n").as_bytes()).await.expect("the server reads");
                    tokio::task::yield_now().await;
                }
                writer
            });
            // Each sender's lines come in order, so once its last line is
            // here, all of its lines that will ever come are here.
            let reading = tokio::spawn(async move {
                let mut received = Vec::new();
                let mut finished = 0;
                while finished < CLIENTS {
                    let (sender, text) = reader.next_chat_line().await;
                    finished += usize::from(text == LAST_LINE);
                    received.push((sender, text));
                }
                (reader, received)
            });
            (name, writing, reading)
        })
        .collect();
    let mut clients = Vec::new();
    let mut transcripts = Vec::new();
    for (name, writing, reading) in tasks {
        let writer = within("writing", writing).await.expect("the writing task");
        let (reader, received) = within("every line", reading).await.expect("the reading task");
        clients.push(Client { name, reader, writer });
        transcripts.push(received);
    }

    // Every client got each sender's lines, all of them, in the order sent...
    let sent = sent_lines();
    for (client, received) in names.iter().zip(&transcripts) {
        let mut by_sender: HashMap<&str, Vec<String>> = HashMap::new();
        for (sender, text) in received {
            by_sender.entry(sender).or_default().push(text.clone());
        }
        for sender in &names {
            assert_eq!(by_sender.remove(sender.as_str()).unwrap_or_default(), sent, "{client} got from {sender}");
        }
        assert!(by_sender.is_empty(), "{client} got lines from strangers: {by_sender:?}");
    }
    // ...and all clients saw the same order.
    for (name, received) in names.iter().zip(&transcripts).skip(1) {
        assert_eq!(received, &transcripts[0], "{name} and {} saw different orders", names[0]);
    }

    // A client that hangs up leaves the room, and the others are told.
    let gone = clients.pop().expect("a client");
    drop(gone.reader);
    drop(gone.writer);
    for client in &mut clients {
        within("the leave notice", client.reader.wait_until_left(&gone.name)).await;
    }
    // The room goes on without it.
    clients[0].writer.write_all(b"still here\n").await.expect("the server reads");
    for client in &mut clients {
        let line = within("a line after the leave", client.reader.next_chat_line()).await;
        assert_eq!(line, (names[0].clone(), "still here".to_owned()));
    }
    serving.abort();
}

#[tokio::test]
async fn chat_closes_the_connection_of_a_client_that_hangs_up() {
    let (server, serving) = start_chat_server().await;
    let mut alone = within("joining", Client::connect(server)).await;
    alone.writer.write_all(b"anyone?\n").await.expect("the server reads");
    let line = within("the echo", alone.reader.next_chat_line()).await;
    assert_eq!(line, (alone.name.clone(), "anyone?".to_owned()));

    // Closing its write half is a hang-up to the server: the client leaves
    // the room, its connection actor stops, and that closes the socket.
    alone.writer.shutdown().await.expect("a clean shutdown");
    let rest = within("the server closing the socket", async {
        let mut rest = Vec::new();
        while let Some(line) = alone.reader.next_line().await {
            rest.push(line);
        }
        rest
    })
    .await;
    assert!(rest.iter().all(|line| line.starts_with("* ")), "only notices came after the echo: {rest:?}");
    serving.abort();
}

// ---- supervision ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_supervision_tree_restarts_the_flaky_worker_and_loses_nothing() {
    let outcome = within("the supervision example", supervision::run(20)).await.expect("the store answers");
    assert_eq!(outcome.failed, [4, 8, 12, 16, 20]);
    assert_eq!(outcome.answered, (1..=20u64).filter(|job| !job.is_multiple_of(4)).collect::<Vec<_>>());
    assert_eq!(outcome.restarts, 5, "one restart per failure");
    let mut stored = outcome.stored;
    stored.sort_unstable();
    assert_eq!(stored, outcome.answered.iter().map(|job| job * job).collect::<Vec<_>>());
    assert_eq!(outcome.killed, 0);
}
