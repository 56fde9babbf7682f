namespace SharpKube.ApiMachinery.Selectors;

/// <summary>One scanned token and the text it was scanned from (empty at the end of input).</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Literal">The text, quoted by parse errors as <c>found '…'</c>.</param>
internal readonly record struct LabelSelectorToken(LabelSelectorTokenKind Kind, string Literal)
{
    /// <summary>
    /// The token's kind where a value may stand: there the keywords <c>in</c> and <c>notin</c> are
    /// ordinary identifiers, so <c>mode in (in,notin)</c> and <c>in=x</c> parse.
    /// </summary>
    public LabelSelectorTokenKind AsValue =>
        Kind is LabelSelectorTokenKind.In or LabelSelectorTokenKind.NotIn ? LabelSelectorTokenKind.Identifier : Kind;
}
