package dev.junitllm.sample;

import static dev.junitllm.testkit.RequestMatchers.lastMessageRole;
import static dev.junitllm.testkit.RequestMatchers.systemContains;

import dev.junitllm.sample.golden.SupportIntents;
import dev.junitllm.testkit.ScriptedLlmServer;
import dev.junitllm.testkit.ScriptedRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two SCRIPTED "models" the sample's recordings come from. Neither is a real model: each answer is
 * composed by this class from the project-written {@link SupportIntents}, and the scripted server
 * reports the model names with {@code -scripted} appended.
 *
 * <ul>
 *   <li>{@code gpt-4o-mini} (today's model): answers every question with the policy, apologises to
 *       customers who complain, looks orders up with the tool.
 *   <li>{@code gpt-4.1-mini} (the upgrade candidate): the same, except that on about 8% of refund
 *       questions it states a 14-day refund window, and it answers about half of the refund complaints
 *       curtly, without an apology.
 * </ul>
 *
 * Repeated identical requests (the samples of a sampled case) get answers that vary: the second of
 * three samples is wrong, as a model at a higher temperature sometimes is.
 */
final class ScriptedSupportModels {

    static final String CANDIDATE = "gpt-4.1-mini";
    private static final Pattern ORDER_ID = Pattern.compile("\\bA-\\d{4}\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMPLAINT = Pattern.compile("annoyed|second time i'm asking|terrible");

    private ScriptedSupportModels() {}

    /** Registers the copilot's model after the judge's rules (the judge's system prompts are more specific). */
    static void register(ScriptedLlmServer server) {
        // a conversation's follow-ups: answered from the conversation so far (single questions never match)
        server.when(systemContains("customer-support copilot of").and(ScriptedSupportModels::isFollowUp))
                .reply(ScriptedSupportModels::answerFollowUp);
        server.when(systemContains("customer-support copilot of").and(lastMessageRole("tool")))
                .reply(ScriptedSupportModels::answerFromTool);
        server.when(systemContains("customer-support copilot of").and(ScriptedSupportModels::asksAboutAnOrder))
                .replyWithToolCall("lookup_order", request -> "{\"order_id\":\"" + orderId(request) + "\"}");
        Function<ScriptedRequest, String> answer = ScriptedSupportModels::answer;
        server.when(systemContains("customer-support copilot of"))
                .replyInTurn(List.of(answer, ScriptedSupportModels::variedAnswer, answer));
    }

    private static final Pattern CLOSING = Pattern.compile("\\b(thanks|thank you|bye)\\b");
    private static final Pattern BACK_REFERENCE = Pattern.compile("\\b(it|them)\\b");
    private static final Pattern ORDER_STATUS = Pattern.compile("Order (A-\\d{4}) is ([^.]*)\\.");

    /** A later turn of a conversation (the model has answered before) that thanks or refers back. */
    private static boolean isFollowUp(ScriptedRequest request) {
        if (!request.lastMessageRole().equals("user")) {
            return false;
        }
        boolean answeredBefore = false;
        for (var message : request.body().path("messages")) {
            answeredBefore |= message.path("role").asText().equals("assistant");
        }
        String last = request.lastUserMessage().toLowerCase(Locale.ROOT);
        return answeredBefore
                && !ORDER_ID.matcher(last).find()
                && (CLOSING.matcher(last).find() || BACK_REFERENCE.matcher(last).find());
    }

    /** Thanks are answered politely; "can I still return it?" from the order status found earlier. */
    private static String answerFollowUp(ScriptedRequest request) {
        if (CLOSING.matcher(request.lastUserMessage().toLowerCase(Locale.ROOT)).find()) {
            return "You're welcome! Have a great day.";
        }
        String orderId = null;
        String status = null;
        for (var message : request.body().path("messages")) {
            if (message.path("role").asText().equals("assistant")) {
                Matcher m = ORDER_STATUS.matcher(message.path("content").asText());
                if (m.find()) {
                    orderId = m.group(1);
                    status = m.group(2);
                }
            }
        }
        if (orderId == null) {
            return "Which order do you mean? Please give me its number, like A-1042.";
        }
        if (status.startsWith("delivered")) {
            return "Yes: order " + orderId + " was " + status + ", so you can return it within 30 days of delivery"
                    + " if the items are unworn.";
        }
        if (status.startsWith("cancelled")) {
            return "Order " + orderId + " was cancelled and the payment was refunded, so there is nothing to return.";
        }
        return "Order " + orderId + " has not been delivered yet (" + status + "). Once it arrives you can return"
                + " it within 30 days of delivery if the items are unworn.";
    }

    private static boolean asksAboutAnOrder(ScriptedRequest request) {
        return request.lastMessageRole().equals("user")
                && ORDER_ID.matcher(request.lastUserMessage()).find();
    }

    private static String orderId(ScriptedRequest request) {
        Matcher m = ORDER_ID.matcher(request.lastUserMessage());
        return m.find() ? m.group().toUpperCase(Locale.ROOT) : "";
    }

    /** After {@code lookup_order}: the tool's status, as the answer. */
    private static String answerFromTool(ScriptedRequest request) {
        var messages = request.body().path("messages");
        String result = messages.get(messages.size() - 1).path("content").asText();
        return result.startsWith("No order") ? result + " Please check the order number." : result;
    }

    static String answer(ScriptedRequest request) {
        String question = request.lastUserMessage();
        String lower = question.toLowerCase(Locale.ROOT);
        SupportIntents.Intent intent = SupportIntents.recognise(question).orElseThrow();
        String text = SupportIntents.answer(intent, question, Map.of());
        boolean complaint = COMPLAINT.matcher(lower).find();
        if (request.model().equals(CANDIDATE) && intent.area().equals("refunds")) {
            int bucket = Math.floorMod(question.hashCode(), 100);
            if (bucket < 13 && text.contains("30 days")) {
                text = text.replace("30 days", "14 days");
            }
            if (complaint && bucket % 2 == 0) {
                return text + " That is the policy.";
            }
        }
        return complaint ? "I'm sorry about the trouble. " + text : text;
    }

    /** The second sample of a repeated question: delivery times come out wrong. */
    private static String variedAnswer(ScriptedRequest request) {
        return answer(request)
                .replace("3 to 5 business days", "about a week")
                .replace("1 business day", "2 business days")
                .replace("7 to 10 business days", "about two weeks");
    }
}
