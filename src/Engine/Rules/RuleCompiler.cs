using System.Linq.Expressions;
using DynamicExpresso;
using DynamicExpresso.Exceptions;

namespace Hcsim.Engine.Rules;

/// <summary>
/// Compiles a rule condition once to a delegate over <see cref="PersonFacts"/>. DynamicExpresso parses the C#-like
/// text; the resulting expression tree is then checked against a whitelist (facts, parameters, literals, arithmetic,
/// comparison, logic, the conditional operator) so that a scenario file can never reach a .NET member, and the facts
/// are rewired to fields of one struct parameter and the parameters to constants.
/// </summary>
public static class RuleCompiler
{
    /// <summary>Characters in one condition; a condition is a short formula, and the parser recurses per nesting level.</summary>
    public const int MaxExpressionLength = 1000;

    /// <summary>Nesting of parentheses and unary operators; bounded so that no condition can exhaust the stack.</summary>
    public const int MaxNesting = 32;

    public static RuleCondition Compile(string expression, IReadOnlyDictionary<string, double> parameters) =>
        Compile(expression, parameters, out _);

    /// <param name="factsRead">Bit i set when the condition reads <c>RuleFacts.All[i]</c>: only those need filling in.</param>
    public static RuleCondition Compile(string expression, IReadOnlyDictionary<string, double> parameters, out ulong factsRead)
    {
        var (body, facts) = Parse(expression, parameters);
        var reader = new FactReader(facts);
        reader.Visit(body);
        factsRead = reader.FieldsRead;
        return Expression.Lambda<RuleCondition>(body, facts).Compile();
    }

    /// <summary>
    /// True when the condition reads no fact and is false with these parameters (<c>false</c>, <c>1 &gt; 2</c>,
    /// <c>red_days &lt; 0</c>): a rule with it can never fire. A condition that reads facts is never reported, even if
    /// no person could satisfy it, because proving that in general is not possible from the text.
    /// </summary>
    public static bool IsConstantFalse(string expression, IReadOnlyDictionary<string, double> parameters)
    {
        var (body, facts) = Parse(expression, parameters);
        var reader = new FactReader(facts);
        reader.Visit(body);
        if (reader.ReadsFacts)
        {
            return false;
        }
        var condition = Expression.Lambda<RuleCondition>(body, facts).Compile();
        var none = default(PersonFacts);
        try
        {
            return !condition(ref none);
        }
        catch (ArithmeticException)
        {
            // Integer division by zero in a constant: the rule fails on every evaluation, so it can never fire either.
            return true;
        }
    }

    private static (Expression Body, ParameterExpression Facts) Parse(string expression, IReadOnlyDictionary<string, double> parameters)
    {
        CheckSize(expression);
        var facts = Expression.Parameter(typeof(PersonFacts).MakeByRefType(), "facts");
        var bindings = new Dictionary<ParameterExpression, Expression>();
        var declared = new List<Parameter>();
        foreach (var fact in RuleFacts.All)
        {
            var placeholder = Expression.Parameter(fact.Type, fact.Name);
            bindings[placeholder] = Expression.Field(facts, fact.Field);
            declared.Add(new Parameter(placeholder));
        }
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (RuleFacts.All.Any(f => f.Name == name))
            {
                continue;
            }
            var placeholder = Expression.Parameter(typeof(double), name);
            bindings[placeholder] = Expression.Constant(value);
            declared.Add(new Parameter(placeholder));
        }

        var text = string.IsNullOrWhiteSpace(expression) ? "true" : expression;
        Lambda lambda;
        try
        {
            lambda = new Interpreter(InterpreterOptions.SystemKeywords).Parse(text, typeof(bool), [.. declared]);
        }
        catch (UnknownIdentifierException e)
        {
            var known = declared.Select(p => p.Name).ToList();
            throw new RuleExpressionException($"unknown name '{e.Identifier}'{Suggest(e.Identifier, known)}; a condition may use only the documented facts and the policy parameters", e.Position);
        }
        catch (ParseException e)
        {
            // DynamicExpresso says "Invalid Operation" when the text stops after an operator; say what that means.
            var message = e.Position >= text.TrimEnd().Length
                ? $"the condition ends too early: something is missing after '{text.TrimEnd()}' ({StripPosition(e.Message)})"
                : StripPosition(e.Message);
            throw new RuleExpressionException(message, e.Position);
        }
        catch (DivideByZeroException)
        {
            throw new RuleExpressionException("division by zero", 0);
        }

        new WhitelistCheck(bindings, text).Visit(lambda.Expression);
        return (new FactRewriter(bindings).Visit(lambda.Expression)!, facts);
    }

    private static void CheckSize(string expression)
    {
        if (expression.Length > MaxExpressionLength)
        {
            throw new RuleExpressionException(
                $"the condition has {expression.Length} characters, more than the limit of {MaxExpressionLength}; split it with policy parameters or several rules",
                MaxExpressionLength);
        }
        // Counted on the text: '(' and the unary operators each add a level of recursion in the parser.
        var depth = 0;
        var unary = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth = Math.Max(0, depth - 1);
            }
            unary = c is '!' or '-' or '+' or '~' ? unary + 1 : char.IsWhiteSpace(c) ? unary : 0;
            if (depth + unary > MaxNesting)
            {
                throw new RuleExpressionException($"the condition nests parentheses or operators more than {MaxNesting} levels deep", i);
            }
        }
    }

    /// <summary>Finds whether an expression reads the facts parameter (after facts were rewired to its fields).</summary>
    private sealed class FactReader(ParameterExpression facts) : ExpressionVisitor
    {
        public bool ReadsFacts { get; private set; }

        /// <summary>Bit i set when the field of <c>RuleFacts.All[i]</c> is read.</summary>
        public ulong FieldsRead { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            ReadsFacts |= node == facts;
            return node;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == facts)
            {
                for (var i = 0; i < RuleFacts.All.Count; i++)
                {
                    if (RuleFacts.All[i].Field == node.Member.Name)
                    {
                        FieldsRead |= 1UL << i;
                    }
                }
            }
            return base.VisitMember(node);
        }
    }

    private static string StripPosition(string message)
    {
        var at = message.IndexOf(" (at index", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }

    private static string Suggest(string name, IReadOnlyList<string> known) =>
        Scenarios.SettingNames.Suggest(name, known) is { } best ? $" (did you mean '{best}'?)" : "";

    /// <summary>Rejects every node that is not plain arithmetic, comparison or logic over facts, parameters and literals.</summary>
    private sealed class WhitelistCheck(Dictionary<ParameterExpression, Expression> bindings, string text) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }
            switch (node.NodeType)
            {
                case ExpressionType.Parameter:
                    if (!bindings.ContainsKey((ParameterExpression)node))
                    {
                        throw Refuse(node);
                    }
                    return node;
                case ExpressionType.Constant:
                    var value = ((ConstantExpression)node).Value;
                    if (value is not (null or bool or int or long or double or float or decimal or string))
                    {
                        throw Refuse(node);
                    }
                    return node;
                case ExpressionType.Convert:
                case ExpressionType.ConvertChecked:
                    var unary = (UnaryExpression)node;
                    if (unary.Method is not null || !IsPlainType(unary.Type))
                    {
                        throw Refuse(node);
                    }
                    return base.Visit(node);
                case ExpressionType.Not:
                case ExpressionType.Negate:
                case ExpressionType.UnaryPlus:
                    if (((UnaryExpression)node).Method is not null)
                    {
                        throw Refuse(node);
                    }
                    return base.Visit(node);
                case ExpressionType.Add:
                case ExpressionType.Subtract:
                case ExpressionType.Multiply:
                case ExpressionType.Divide:
                case ExpressionType.Modulo:
                case ExpressionType.AndAlso:
                case ExpressionType.OrElse:
                case ExpressionType.And:
                case ExpressionType.Or:
                case ExpressionType.LessThan:
                case ExpressionType.LessThanOrEqual:
                case ExpressionType.GreaterThan:
                case ExpressionType.GreaterThanOrEqual:
                case ExpressionType.Equal:
                case ExpressionType.NotEqual:
                    var binary = (BinaryExpression)node;
                    if (binary.Method is not null && !IsPrimitiveOperator(binary))
                    {
                        throw Refuse(node);
                    }
                    return base.Visit(node);
                case ExpressionType.Conditional:
                    return base.Visit(node);
                default:
                    throw Refuse(node);
            }
        }

        // DynamicExpresso binds some operators to their operator methods (double.op_GreaterThanOrEqual,
        // string.op_Equality); those on plain types are as harmless as the operators themselves.
        private static bool IsPrimitiveOperator(BinaryExpression binary) =>
            IsPlainType(binary.Method!.DeclaringType!) && binary.Method.Name.StartsWith("op_", StringComparison.Ordinal);

        private static bool IsPlainType(Type type)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            return t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float)
                || t == typeof(decimal) || t == typeof(string);
        }

        private RuleExpressionException Refuse(Expression node) =>
            new($"not allowed in a rule condition: '{node}'; only facts, parameters, literals, arithmetic, comparisons, && || ! and ?: are", PositionOf(node));

        // The parsed tree has no positions; the name of the member, method or keyword that was refused is the best
        // pointer back into the text (the first occurrence, which is where it is in all but contrived conditions).
        private int PositionOf(Expression node)
        {
            var token = node switch
            {
                MemberExpression member => "." + member.Member.Name,
                MethodCallExpression call => call.Method.Name,
                NewExpression or NewArrayExpression => "new",
                TypeBinaryExpression => " is ",
                UnaryExpression { NodeType: ExpressionType.TypeAs } => " as ",
                LambdaExpression => "=>",
                BinaryExpression { NodeType: ExpressionType.Assign } => "=",
                ConstantExpression { Value: Type } => "typeof",
                _ => null,
            };
            var at = token is null ? -1 : text.IndexOf(token, StringComparison.Ordinal);
            return at < 0 ? 0 : token![0] is '.' or ' ' ? at + 1 : at;
        }
    }

    private sealed class FactRewriter(Dictionary<ParameterExpression, Expression> bindings) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            bindings.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
