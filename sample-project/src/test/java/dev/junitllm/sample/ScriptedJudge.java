package dev.junitllm.sample;

import static dev.junitllm.testkit.RequestMatchers.systemContains;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SCRIPTED judge behind the sample's recordings (not a real model): it answers junit-llm's judge
 * prompts by reading the material it is shown, so a wrong answer fails for a real reason.
 *
 * <ul>
 *   <li>rubric (accuracy against the reference answer): fails an answer that states a time limit,
 *       price or order number the reference does not (a 14-day refund window where the reference
 *       says 30 days), that misses all of the reference's, or that drops its negation;
 *   <li>graded (G-Eval 1..5): for tone rubrics, a complaint answered without an apology or with a
 *       curt "That is the policy." scores low; for other rubrics, the rubric judge's facts decide;
 *   <li>faithfulness: each sentence of the answer is a claim, supported only when its time limits,
 *       prices and numbers appear in the retrieved context (or most of its words do).
 * </ul>
 */
final class ScriptedJudge {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FACT = Pattern.compile(
            "\\$\\d+(?:\\.\\d+)?|\\b\\d+(?: to \\d+)?[ -](?:business days?|days?|hours?|years?)\\b|\\b\\d+ pm\\b"
                    + "|\\ba-\\d{4}\\b");
    private static final Pattern NEGATION = Pattern.compile("\\b(cannot|can't|not|only|never)\\b");
    private static final Pattern COMPLAINT = Pattern.compile("annoyed|second time i'm asking|terrible");
    private static final Pattern EMPATHY = Pattern.compile("sorry|apologi|understand");
    private static final Pattern CURT = Pattern.compile("that is the policy|as stated|nothing more");

    private ScriptedJudge() {}

    static void register(ScriptedLlmServer server) {
        server.when(systemContains("meticulous evaluator")).reply(request -> rubric(request.lastUserMessage()));
        server.when(systemContains("You grade answers")).reply(request -> graded(request.lastUserMessage()));
        server.when(systemContains("grounded in the context"))
                .reply(request -> faithfulness(request.lastUserMessage()));
    }

    /** {"critique", "verdict"}: the answer's facts against the reference's. */
    static String rubric(String prompt) {
        Verdict v = conversational(tag(prompt, "criterion"), tag(prompt, "question"), tag(prompt, "answer"))
                .orElseGet(() -> accuracy(tag(prompt, "reference"), tag(prompt, "answer")));
        return json(JSON.createObjectNode().put("critique", v.critique()).put("verdict", v.pass() ? "pass" : "fail"));
    }

    static String graded(String prompt) {
        String rubric = tag(prompt, "rubric").toLowerCase(Locale.ROOT);
        String question = tag(prompt, "question").toLowerCase(Locale.ROOT);
        String answer = tag(prompt, "answer").toLowerCase(Locale.ROOT);
        ObjectNode out = JSON.createObjectNode();
        if (rubric.contains("tone") || rubric.contains("polite") || rubric.contains("empath")) {
            out.putArray("steps")
                    .add("Did the customer complain?")
                    .add("Does the answer acknowledge it with an apology?")
                    .add("Is the wording courteous, without curt or dismissive phrases?");
            int score = 5;
            List<String> notes = new ArrayList<>();
            if (COMPLAINT.matcher(question).find() && !EMPATHY.matcher(answer).find()) {
                score -= 2;
                notes.add("the customer complained and the answer does not apologise or acknowledge it");
            }
            Matcher curt = CURT.matcher(answer);
            if (curt.find()) {
                score -= 1;
                notes.add("the answer is curt (\"" + curt.group() + "\")");
            }
            out.put(
                    "critique",
                    notes.isEmpty()
                            ? "Courteous and acknowledges the customer's situation."
                            : String.join("; ", notes));
            return json(out.put("score", score));
        }
        Verdict v = accuracy(tag(prompt, "reference"), tag(prompt, "answer"));
        out.putArray("steps").add("Compare the time limits, prices and numbers with the reference.");
        return json(out.put("critique", v.critique()).put("score", v.pass() ? 5 : 1));
    }

    static String faithfulness(String prompt) {
        String context = tag(prompt, "context").toLowerCase(Locale.ROOT);
        Set<String> contextFacts = facts(context);
        // what the customer said (their order number, "45 days ago") is given, not a claim to ground
        contextFacts.addAll(facts(tag(prompt, "question").toLowerCase(Locale.ROOT)));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode claims = out.putArray("claims");
        for (String sentence : tag(prompt, "answer").split("(?<=[.!?;])\\s+")) {
            String lower = sentence.toLowerCase(Locale.ROOT).strip();
            // greetings, apologies and remarks like "That is the policy." state no fact
            long contentWords = List.of(lower.split("[^a-z0-9$]+")).stream()
                    .filter(w -> w.length() >= 4)
                    .count();
            if (lower.startsWith("i'm sorry") || lower.startsWith("please check") || contentWords < 3) {
                continue;
            }
            Set<String> facts = facts(lower);
            boolean supported;
            String evidence = "";
            if (!facts.isEmpty()) {
                supported = contextFacts.containsAll(facts);
                if (supported) {
                    evidence = line(context, facts.iterator().next());
                }
            } else {
                List<String> words = List.of(lower.split("[^a-z0-9$]+")).stream()
                        .filter(w -> w.length() >= 4)
                        .toList();
                long found = words.stream().filter(context::contains).count();
                supported = words.isEmpty() || found >= 0.6 * words.size();
            }
            claims.addObject()
                    .put("claim", sentence.strip())
                    .put("supported", supported)
                    .put("evidence", evidence);
        }
        return json(out);
    }

    record Verdict(boolean pass, String critique) {}

    private static final Pattern ASKS_AGAIN = Pattern.compile("which order|what is your order|order number\\?");
    private static final Pattern OUT_OF_ROLE =
            Pattern.compile("\\bas an ai\\b|\\barr+\\b|\\bmatey\\b|```|\\bi am now\\b");

    /**
     * The conversation checks' criteria (the conversation so far is the question): retention fails an
     * answer that asks for an order the customer already gave; role adherence fails a reply out of the
     * support role; "whether the order can be returned" passes an answer that decides the return.
     */
    static Optional<Verdict> conversational(String criterion, String question, String answer) {
        String ans = answer.toLowerCase(Locale.ROOT);
        if (criterion.startsWith("Remembers and stays consistent")) {
            boolean given = OrderBook.ORDER_ID.matcher(question).find();
            return Optional.of(
                    given && ASKS_AGAIN.matcher(ans).find()
                            ? new Verdict(false, "The answer asks for the order number the customer already gave.")
                            : new Verdict(true, "The answer keeps to what the customer said earlier."));
        }
        if (criterion.startsWith("Stays in this role")) {
            Matcher m = OUT_OF_ROLE.matcher(ans);
            return Optional.of(
                    m.find()
                            ? new Verdict(false, "The reply steps out of the support role (\"" + m.group() + "\").")
                            : new Verdict(true, "The reply speaks as ACME's support assistant."));
        }
        if (criterion.startsWith("Tells the customer whether")) {
            boolean decides = ans.contains("return it within")
                    || ans.contains("nothing to return")
                    || ans.contains("cannot accept")
                    || ans.contains("can be returned")
                    || ans.contains("store credit");
            return Optional.of(
                    decides
                            ? new Verdict(true, "The answer says whether and how the item can be returned.")
                            : new Verdict(false, "The answer does not say whether the item can be returned."));
        }
        return Optional.empty();
    }

    static Verdict accuracy(String reference, String answer) {
        String ref = reference.toLowerCase(Locale.ROOT);
        String ans = answer.toLowerCase(Locale.ROOT);
        Set<String> expected = facts(ref);
        Set<String> stated = facts(ans);
        Set<String> wrong = new LinkedHashSet<>(stated);
        wrong.removeAll(expected);
        if (!wrong.isEmpty()) {
            return new Verdict(
                    false,
                    "The answer states " + String.join(", ", wrong) + ", which contradicts the reference ("
                            + (expected.isEmpty() ? "no such limit" : String.join(", ", expected)) + ").");
        }
        if (!expected.isEmpty() && stated.isEmpty()) {
            return new Verdict(
                    false, "The answer omits what the reference states: " + String.join(", ", expected) + ".");
        }
        if (NEGATION.matcher(ref).find() && !NEGATION.matcher(ans).find()) {
            return new Verdict(
                    false,
                    "The reference sets a restriction (" + firstMatch(NEGATION, ref) + ") that the answer leaves out.");
        }
        return new Verdict(
                true,
                expected.isEmpty()
                        ? "The answer says what the reference says and adds no other limit."
                        : "The answer states " + String.join(", ", expected) + " as the reference does, and no other"
                                + " limit.");
    }

    static Set<String> facts(String lowerText) {
        Set<String> facts = new LinkedHashSet<>();
        Matcher m = FACT.matcher(lowerText);
        while (m.find()) {
            String fact = m.group().startsWith("a-") ? m.group() : m.group().replace('-', ' ');
            facts.add(fact);
        }
        return facts;
    }

    private static String firstMatch(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group() : "";
    }

    private static String line(String context, String fact) {
        for (String line : context.split("\n")) {
            if (facts(line).contains(fact)) {
                return line.strip();
            }
        }
        return "";
    }

    private static String tag(String prompt, String name) {
        int start = prompt.indexOf("<" + name + ">");
        int end = prompt.indexOf("</" + name + ">");
        return start < 0 || end < start
                ? ""
                : prompt.substring(start + name.length() + 2, end).strip();
    }

    private static String json(ObjectNode node) {
        return node.toString();
    }
}
