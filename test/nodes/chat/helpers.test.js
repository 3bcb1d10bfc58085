"use strict";
// The chat node's helpers on their own: the JSON-schema subset, JSON answers, and conversation memory.
const should = require("should");
const { validateJson } = require("../../../dist/nodes/chat/json-schema");
const { parseJsonAnswer, JsonOutputError } = require("../../../dist/nodes/chat/json-output");
const { ConversationMemory, trimTurns, sessionOf } = require("../../../dist/nodes/chat/memory");

/** A Node-RED-like context whose store answers asynchronously (as file and Redis stores do). */
function asyncContext() {
  const stores = { _default: new Map() };
  const storeOf = (name) => (stores[name || "_default"] ??= new Map());
  return {
    stores,
    get(key, store, cb) {
      setImmediate(() => cb(null, structuredClone(storeOf(store).get(key))));
    },
    set(key, value, store, cb) {
      setImmediate(() => {
        if (value === undefined) storeOf(store).delete(key);
        else storeOf(store).set(key, structuredClone(value));
        cb(null);
      });
    },
  };
}

describe("hf-chat helpers", function () {
  describe("validateJson (OpenAI structured-output subset)", function () {
    const schema = {
      type: "object",
      properties: {
        name: { type: "string" },
        age: { type: "integer" },
        tags: { type: "array", items: { type: "string", enum: ["a", "b"] } },
        address: { $ref: "#/$defs/address" },
        nick: { type: ["string", "null"] },
        extra: { anyOf: [{ type: "number" }, { type: "boolean" }] },
      },
      required: ["name", "age"],
      additionalProperties: false,
      $defs: { address: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
    };

    it("accepts a fitting value", function () {
      validateJson({ name: "Ada", age: 36, tags: ["a"], address: { city: "London" }, nick: null, extra: true }, schema).should.eql([]);
    });

    it("names each problem with its path", function () {
      validateJson({ name: 1, tags: ["c"], address: {}, other: 1, extra: "x" }, schema).should.eql([
        "$: missing required property \"age\"",
        "$.name: expected string, got integer",
        '$.tags[0]: must be one of "a", "b"',
        '$.address: missing required property "city"',
        "$.other: property not allowed",
        "$.extra: matches none of the allowed shapes (anyOf)",
      ]);
      validateJson(3.5, { type: "integer" }).should.eql(["$: expected integer, got number"]);
      validateJson([], { type: "object" }).should.eql(["$: expected object, got array"]);
    });
  });

  describe("parseJsonAnswer", function () {
    it("parses JSON, tolerating a Markdown fence", function () {
      parseJsonAnswer('  {"a": 1} ').should.eql({ a: 1 });
      parseJsonAnswer('```json\n{"a": [1, 2]}\n```').should.eql({ a: [1, 2] });
    });

    it("throws a JsonOutputError carrying the raw text", function () {
      const err = (() => {
        try {
          parseJsonAnswer("Sure! Here it is: {a: 1}");
        } catch (e) {
          return e;
        }
      })();
      err.should.be.instanceOf(JsonOutputError);
      err.raw.should.equal("Sure! Here it is: {a: 1}");
      err.message.should.match(/not valid JSON/);
    });

    it("checks the schema and lists the problems", function () {
      const err = (() => {
        try {
          parseJsonAnswer('{"n": "x"}', { type: "object", properties: { n: { type: "number" } }, required: ["n", "m"] });
        } catch (e) {
          return e;
        }
      })();
      err.problems.should.eql(['$: missing required property "m"', "$.n: expected number, got string"]);
      err.message.should.match(/and 1 more/);
    });
  });

  describe("ConversationMemory", function () {
    it("appends per session, trims to the last turns, drops system messages, and clears", async function () {
      const ctx = asyncContext();
      const memory = new ConversationMemory(ctx, { turns: 2, store: "disk" });
      await memory.append("s", [{ role: "system", content: "sys" }, { role: "user", content: "1" }, { role: "assistant", content: "r1" }]);
      await memory.append("s", [{ role: "user", content: "2" }, { role: "assistant", content: "r2" }]);
      await memory.append("s", [{ role: "user", content: "3" }, { role: "assistant", content: "", tool_calls: [{ id: "c" }] }, { role: "tool", content: "t" }]);
      (await memory.load("s")).map((m) => m.content).should.eql(["2", "r2", "3", "", "t"]);
      ctx.stores.disk.has("chat:s").should.be.true();
      (await memory.load("other")).should.eql([]);
      await memory.clear("s");
      (await memory.load("s")).should.eql([]);
    });

    it("lets messages of one session take turns (no lost update)", async function () {
      const memory = new ConversationMemory(asyncContext(), { turns: 10 });
      const order = [];
      await Promise.all(
        ["a", "b", "c"].map((name) =>
          memory.withSession("s", async () => {
            const history = await memory.load("s");
            order.push(`${name}:${history.length}`);
            await memory.append("s", [{ role: "user", content: name }]);
          }),
        ),
      );
      order.should.eql(["a:0", "b:1", "c:2"]);
      (await memory.load("s")).map((m) => m.content).should.eql(["a", "b", "c"]);
    });

    it("a failed job does not block the session", async function () {
      const memory = new ConversationMemory(asyncContext());
      await memory.withSession("s", async () => { throw new Error("boom"); }).catch(() => undefined);
      (await memory.withSession("s", async () => "next")).should.equal("next");
    });

    it("escapes topics into readable context keys", function () {
      const memory = new ConversationMemory(asyncContext());
      memory.key("user-42").should.equal("chat:user-42");
      memory.key("a.b[0] c").should.equal("chat:a%2Eb%5B0%5D%20c");
      memory.key("é").should.equal("chat:%C3%A9");
    });

    it("trimTurns and sessionOf", function () {
      const msgs = [{ role: "user" }, { role: "assistant" }, { role: "user" }, { role: "assistant" }];
      trimTurns(msgs, 1).should.eql(msgs.slice(2));
      trimTurns(msgs, 5).should.equal(msgs);
      sessionOf({ topic: " t " }).should.equal("t");
      sessionOf({ topic: 7 }).should.equal("7");
      sessionOf({}).should.equal("default");
    });
  });
});
