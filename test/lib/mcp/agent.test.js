"use strict";
// The Tiny Agents loop against a scripted OpenAI-compatible streaming server (the real InferenceClient talks to it)
// and the SDK-built MCP test server on 127.0.0.1.
const should = require("should");
const { Agent, InferenceClient } = require("../../../dist/lib");
const { startMcpHttpServer } = require("../../support/mcp-http-server");
const { startScriptedLlm } = require("../../support/scripted-llm");
const { eventually } = require("./everything");

const toolCalls = (server) => server.requests.filter((r) => r.method === "POST").length;

describe("lib/mcp: Agent", function () {
  this.timeout(20000);
  let mcp;
  let llm;
  let agent;
  beforeEach(async function () {
    mcp = await startMcpHttpServer();
  });
  afterEach(async function () {
    if (agent) await agent.cleanup();
    agent = undefined;
    await mcp.stop();
    if (llm) await llm.stop();
  });

  async function makeAgent(turns, options = {}) {
    llm = await startScriptedLlm(turns);
    agent = new Agent({ client: new InferenceClient({ baseURL: llm.url }), model: "test-model", servers: [{ type: "http", url: mcp.url, name: "test" }], ...options });
    await agent.loadTools();
    return agent;
  }

  /** Runs to the end; returns the yielded items, the events and the summary. */
  async function runAll(input, opts = {}) {
    const items = [];
    const events = [];
    const gen = agent.run(input, { ...opts, onEvent: (e) => events.push(e) });
    for (;;) {
      const step = await gen.next();
      if (step.done) return { items, events, summary: step.value };
      items.push(step.value);
    }
  }

  /** Every assistant tool call has exactly one tool message with its id, after it. */
  function assertAnswered(messages) {
    messages.forEach((m, i) => {
      for (const call of m.tool_calls || []) {
        messages.slice(i + 1).filter((x) => x.role === "tool" && x.tool_call_id === call.id).length.should.equal(1, call.id);
      }
    });
  }

  it("merges streamed tool-call deltas by index, runs the tools and hands back role:tool messages", async function () {
    await makeAgent([
      { content: "Checking.", toolCalls: [{ name: "echo", arguments: { text: "first call" } }, { name: "echo", arguments: { text: "second, longer call" } }] },
      (body) => ({ content: "Got " + body.messages.filter((m) => m.role === "tool").map((m) => m.content).join(" + ") }),
    ]);
    const { items, events, summary } = await runAll("please echo");
    summary.should.eql({ stopReason: "answer", turns: 2, toolCalls: 2, text: "Got echo: first call + echo: second, longer call" });
    const tools = llm.requests[0].tools.map((t) => t.function.name);
    tools.slice(0, 2).should.eql(["task_complete", "ask_question"]);
    tools.should.containEql("echo");
    llm.requests[0].tool_choice.should.equal("auto");
    const second = llm.requests[1].messages;
    const assistant = second.find((m) => m.role === "assistant");
    assistant.content.should.equal("Checking.");
    assistant.tool_calls.map((c) => JSON.parse(c.function.arguments)).should.eql([{ text: "first call" }, { text: "second, longer call" }]);
    second.filter((m) => m.role === "tool").map((m) => [m.tool_call_id, m.content]).should.eql([
      [assistant.tool_calls[0].id, "echo: first call"],
      [assistant.tool_calls[1].id, "echo: second, longer call"],
    ]);
    items.filter((i) => i.role === "tool").length.should.equal(2);
    events.filter((e) => e.type === "tool_call").map((e) => e.server).should.eql(["test", "test"]);
    agent.messages.map((m) => m.role).should.eql(["system", "user", "assistant", "tool", "tool", "assistant"]);
  });

  it("an exit tool first: stops, and still answers every tool call of the turn without running the others", async function () {
    await makeAgent([{ content: "All done.", toolCalls: [{ name: "task_complete", arguments: { trigger: true } }, { name: "echo", arguments: { text: "late" } }] }]);
    const before = toolCalls(mcp);
    const { summary } = await runAll("finish");
    summary.stopReason.should.equal("task_complete");
    summary.toolCalls.should.equal(0);
    summary.text.should.equal("All done.");
    toolCalls(mcp).should.equal(before); // echo never reached the server
    assertAnswered(agent.messages);
    agent.messages.at(-1).content.should.match(/Not executed/);
    llm.requests.length.should.equal(1);
  });

  it("ask_question ends the run with the question as the text", async function () {
    await makeAgent([{ content: "Which file?", toolCalls: [{ name: "ask_question", arguments: {} }] }]);
    const { summary } = await runAll("read it");
    summary.should.match({ stopReason: "ask_question", text: "Which file?" });
  });

  it("maxTurns is a hard cap on model calls", async function () {
    const always = () => ({ toolCalls: [{ name: "echo", arguments: { text: "again" } }] });
    await makeAgent([always, always, always, always, always], { maxTurns: 3 });
    const { summary } = await runAll("loop forever");
    summary.should.match({ stopReason: "max_turns", turns: 3, toolCalls: 3 });
    llm.requests.length.should.equal(3);
    assertAnswered(agent.messages);
  });

  it("maxToolCalls caps tool calls; calls over the limit are answered, not run", async function () {
    await makeAgent([{ toolCalls: [1, 2, 3].map((n) => ({ name: "echo", arguments: { text: `n${n}` } })) }], { maxToolCalls: 2 });
    const { summary } = await runAll("three calls");
    summary.should.match({ stopReason: "max_tool_calls", toolCalls: 2 });
    const tools = agent.messages.filter((m) => m.role === "tool").map((m) => m.content);
    tools.slice(0, 2).should.eql(["echo: n1", "echo: n2"]);
    tools[2].should.match(/Not executed: the limit of 2 tool calls/);
  });

  it("invalid JSON arguments and unknown tools are answered with an error message, and the loop goes on", async function () {
    await makeAgent([{ toolCalls: [{ name: "echo", arguments: "{not json" }, { name: "nope", arguments: {} }] }, { content: "ok" }]);
    const { summary } = await runAll("bad calls");
    summary.stopReason.should.equal("answer");
    const tools = agent.messages.filter((m) => m.role === "tool").map((m) => m.content);
    tools[0].should.match(/^Invalid JSON generated by the model/);
    tools[1].should.equal("Error: No session found for tool: nope");
  });

  it("caps a big tool result before handing it to the model", async function () {
    await makeAgent([{ toolCalls: [{ name: "big", arguments: { size: 5000 } }] }, { content: "ok" }], { maxResultChars: 300 });
    await runAll("big");
    const content = llm.requests[1].messages.find((m) => m.role === "tool").content;
    content.length.should.be.belowOrEqual(300);
    content.should.match(/truncated/);
  });

  it("an abort during a tool call cancels it on the MCP server and throws AbortError", async function () {
    await makeAgent([{ toolCalls: [{ name: "slow", arguments: { ms: 20000 } }, { name: "echo", arguments: { text: "after" } }] }]);
    const controller = new AbortController();
    const run = runAll("slow please", { signal: controller.signal });
    (await eventually(() => mcp.started.length)).should.equal(1);
    controller.abort();
    const err = await run.then(() => null, (e) => e);
    should.exist(err);
    err.name.should.equal("AbortError");
    (await eventually(() => mcp.cancelled.length)).should.equal(1);
    assertAnswered(agent.messages);
  });

  it("an abort while the model streams stops the run", async function () {
    await makeAgent([{ hang: true }]);
    const controller = new AbortController();
    const run = runAll("hang", { signal: controller.signal });
    await eventually(() => llm.requests.length === 1);
    controller.abort();
    const err = await run.then(() => null, (e) => e);
    should.exist(err);
    err.name.should.equal("AbortError");
  });

  it("takes a function shaped like chatCompletionStream", async function () {
    llm = await startScriptedLlm([]);
    const seen = [];
    async function* fakeStream(args) {
      seen.push(args);
      if (seen.length === 1) {
        yield { choices: [{ index: 0, delta: { role: "assistant", tool_calls: [{ index: 0, id: "c1", function: { name: "echo", arguments: '{"te' } }] } }] };
        yield { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: 'xt":"fn"}' } }] } }] };
      } else yield { choices: [{ index: 0, delta: { content: "fine" } }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } };
    }
    agent = new Agent({ client: fakeStream, model: "m", provider: "groq", servers: [{ type: "http", url: mcp.url }] });
    await agent.loadTools();
    const { summary } = await runAll("go");
    summary.should.match({ stopReason: "answer", text: "fine", usage: { total_tokens: 4 } });
    seen[0].provider.should.equal("groq");
    seen[1].messages.find((m) => m.role === "tool").should.match({ tool_call_id: "c1", content: "echo: fn" });
  });
});
