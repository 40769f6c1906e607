using Interview.Workers.Llm;
using Shouldly;

namespace Interview.Tests.Llm;

public sealed class LlmJsonTests
{
    [Theory]
    [InlineData("{\"needsFollowUp\": true, \"followUp\": \"Why?\", \"reason\": \"vague\"}")]
    [InlineData("```json\n{\"needsFollowUp\": true, \"followUp\": \"Why?\", \"reason\": \"vague\"}\n```")]
    [InlineData("Here you go:\n{\"needsFollowUp\": true, \"followUp\": \"Why?\", \"reason\": \"vague\"}\nThanks")]
    public void a_follow_up_reply_is_found_in_fences_and_prose(string reply)
    {
        var (json, error) = LlmJson.ExtractObject(reply);
        error.ShouldBeNull();
        var (parsed, parseError) = InterviewerPrompts.ParseFollowUp(json!);
        parseError.ShouldBeNull();
        parsed!.FollowUp.ShouldBe("Why?");
    }

    [Theory]
    [InlineData("{\"needsFollowUp\": \"yes\", \"reason\": \"x\"}", "'needsFollowUp' must be true or false")]
    [InlineData("{\"needsFollowUp\": true, \"reason\": \"x\"}", "'followUp' is missing")]
    [InlineData("{\"needsFollowUp\": false}", "'reason' is missing")]
    public void missing_or_wrong_fields_are_rejected_by_name(string reply, string expected)
    {
        var (parsed, error) = InterviewerPrompts.ParseFollowUp(LlmJson.ExtractObject(reply).Value!);
        parsed.ShouldBeNull();
        error!.ShouldContain(expected);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("no json here", "no JSON object")]
    [InlineData("{\"a\": }", "malformed")]
    public void replies_without_a_json_object_are_rejected(string reply, string expected) =>
        LlmJson.ExtractObject(reply).Error!.ShouldContain(expected);

    [Fact]
    public void a_generated_question_needs_key_points_hints_and_tags()
    {
        var (parsed, error) = InterviewerPrompts.ParseQuestion(LlmJson.ExtractObject("{\"question\": \"Q?\", \"keyPoints\": [\"a\"], \"followUpHints\": [], \"tags\": [\"x\"]}").Value!);
        parsed.ShouldBeNull();
        error!.ShouldContain("'keyPoints' must hold 3 to 6 items");
        error!.ShouldContain("'followUpHints' must hold 1 to 3 items");
    }
}
