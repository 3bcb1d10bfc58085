"use strict";
// The chat examples (examples/chat/*.json) as users import them, run in a real Node-RED runtime with the real
// core nodes they use; the account points at a local OpenAI-compatible server and debug nodes become test probes.
const should = require("should");
const fs = require("node:fs");
const path = require("node:path");
const { helper, coreNode, ourNode, nextMessages } = require("../../support/red");
const { OpenAiServer } = require("../../support/openai-server");

const modules = [
  ourNode("hf-config"),
  ourNode("hf-chat"),
  coreNode("common/20-inject.js"),
  coreNode("common/25-catch.js"),
  coreNode("common/90-comment.js"),
  coreNode("function/10-function.js"),
  coreNode("function/10-switch.js"),
  coreNode("sequence/17-split.js"),
];
const dir = path.resolve(__dirname, "../../../examples/chat");

describe("examples: chat", function () {
  let server;
  before(async function () {
    server = await new OpenAiServer().start();
  });
  after(async function () {
    await server.stop();
  });
  beforeEach(function (done) {
    server.reset();
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });

  /** Loads an example with its account on the local server and its debug nodes turned into helper nodes. */
  async function loadExample(file) {
    const nodes = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    const flow = [{ id: "tab", type: "tab" }];
    for (const n of nodes) {
      if (n.type === "hf-config") flow.push({ ...n, endpointUrl: server.url });
      else if (n.type === "debug") flow.push({ id: n.id, z: "tab", type: "helper", name: n.name });
      else flow.push({ ...n, z: "tab" });
    }
    const cfg = nodes.find((n) => n.type === "hf-config");
    await new Promise((resolve, reject) => helper.load(modules, flow, { [cfg.id]: { token: "hf_exampleToken_0123456789" } }, (e) => (e ? reject(e) : resolve())));
    const byName = (type, name) => helper.getNode(flow.find((n) => n.type === type && n.name === name).id);
    return { nodes, byName };
  }

  it("every example starts with a comment node and uses hf-chat with the contract's properties", function () {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json"));
    files.length.should.equal(5);
    for (const file of files) {
      const nodes = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
      nodes[0].type.should.equal("comment", file);
      const chat = nodes.find((n) => n.type === "hf-chat");
      should.exist(chat, file);
      chat.should.have.properties(["config", "model", "provider", "parameters", "allowUrlInputs", "systemPrompt", "stream", "responseFormat", "jsonSchema", "tools", "toolChoice", "memory", "memoryTurns", "contextStore"]);
      nodes.some((n) => n.type === "hf-config" && n.id === chat.config).should.be.true(file);
    }
  });

  it("the tool-call example runs the loop: tool call, function node, answer", async function () {
    server.script(
      { deltas: [], toolCalls: [{ id: "call_w", name: "get_weather", arguments: '{"city":"Paris"}' }] },
      { deltas: ["It is sunny and 21°C in Paris."] },
    );
    const { byName } = await loadExample("05-tool-call.json");
    const answer = nextMessages(byName("helper", "answer"));
    byName("inject", "ask").receive({});
    (await answer).payload.should.equal("It is sunny and 21°C in Paris.");
    server.requests.should.have.length(2);
    const tool = server.requests[1].json.messages.find((m) => m.role === "tool");
    tool.tool_call_id.should.equal("call_w");
    JSON.parse(tool.content).city.should.equal("Paris");
  });

  it("the streaming example rebuilds the text in its join node", async function () {
    server.script({ deltas: ["Wires ", "hum ", "softly"] });
    const { byName } = await loadExample("02-streaming-into-join.json");
    const joined = nextMessages(byName("helper", "joined"));
    const final = nextMessages(byName("helper", "final"));
    byName("inject", "ask").receive({});
    (await joined).payload.should.equal("Wires hum softly");
    (await final).payload.should.equal("Wires hum softly");
  });

  it("the memory example remembers, then forgets on reset", async function () {
    server.defaultScript = { deltas: ["Noted."] };
    const { byName } = await loadExample("01-chat-with-memory.json");
    const probe = byName("helper", "answer");
    let next = nextMessages(probe);
    byName("inject", "introduce").receive({});
    await next;
    next = nextMessages(probe);
    byName("inject", "ask name").receive({});
    await next;
    server.lastBody.messages.map((m) => m.role).should.eql(["system", "user", "assistant", "user"]);
    byName("inject", "forget").receive({});
    // The reset sends nothing; the next question starts a new conversation.
    next = nextMessages(probe);
    byName("inject", "ask name").receive({});
    await next;
    server.lastBody.messages.map((m) => m.role).should.eql(["system", "user"]);
  });

  it("the extraction example outputs the parsed object", async function () {
    server.script({ deltas: ['{"name":"Ada Lovelace","birth_year":1815,"city":"London","occupations":["mathematician","writer"]}'] });
    const { byName } = await loadExample("03-structured-extraction.json");
    const person = nextMessages(byName("helper", "person"));
    byName("inject", "text").receive({});
    (await person).payload.should.eql({ name: "Ada Lovelace", birth_year: 1815, city: "London", occupations: ["mathematician", "writer"] });
    server.lastBody.response_format.json_schema.name.should.equal("person");
  });

  it("the vision example sends the image as a data URL part", async function () {
    const { byName } = await loadExample("04-vision-question.json");
    const answer = nextMessages(byName("helper", "answer"));
    byName("inject", "image + question").receive({});
    await answer;
    const content = server.lastBody.messages[0].content;
    content[1].image_url.url.should.startWith("data:image/png;base64,iVBORw0KGgo");
  });
});
