"""Held-out grading cases: written from real benchmark golds without looking at the grader or its table."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    source: str  # e.g. "math500:17" (task:record index, 0-based line number in the file)
    gold: str  # the gold string exactly as described above
    response: str
    expected: bool  # would a careful human mark it correct?
    why: str  # short phrase
    task: str  # "math500", "minerva_math" (measured: the gold's precision), "olympiadbench", "gsm8k", "amc23", "theoremqa" (measured), "aime24"


CASES: list[Case] = [
    # ------------------------------------------------------------------ math500
    Case(
        "math500:0",
        r"\left( 3, \frac{\pi}{2} \right)",
        r"""The point $(0,3)$ lies on the positive $y$-axis, so $r = \sqrt{0^2 + 3^2} = 3$ and $\theta = \frac{\pi}{2}$.
Therefore the polar coordinates are $\boxed{(3,\frac{\pi}{2})}$.""",
        True,
        "same pair without \\left/\\right",
        "math500",
    ),
    Case(
        "math500:0",
        r"\left( 3, \frac{\pi}{2} \right)",
        r"""We have $r = \sqrt{x^2+y^2} = 3$. Since $x = 0$ and $y > 0$, the angle is $\theta = \frac{\pi}{2}$.
So the answer is $\boxed{\left(3, \dfrac{\pi}{2}\right)}$.""",
        True,
        "dfrac and \\left/\\right",
        "math500",
    ),
    Case(
        "math500:0",
        r"\left( 3, \frac{\pi}{2} \right)",
        r"""The distance from the origin is $r = 3$. The point is on the $y$-axis, so $\theta = \frac{3\pi}{2}$.
Thus the polar coordinates are $\boxed{\left(3, \frac{3\pi}{2}\right)}$.""",
        False,
        "wrong angle (3pi/2)",
        "math500",
    ),
    Case(
        "math500:0",
        r"\left( 3, \frac{\pi}{2} \right)",
        r"""Here $\theta = \arctan$ is undefined, but the point is straight up, so $\theta = \frac{\pi}{2}$ and $r = 3$.
The answer is $\boxed{\left(\frac{\pi}{2}, 3\right)}$.""",
        False,
        "tuple order swapped",
        "math500",
    ),
    Case(
        "math500:0",
        r"\left( 3, \frac{\pi}{2} \right)",
        r"""To convert the point $(0,3)$ to polar coordinates, we first compute $r = \sqrt{x^2 + y^2}$ and then""",
        False,
        "truncated, no final answer",
        "math500",
    ),
    Case(
        "math500:25",
        r"1,-2",
        r"""Setting $y = 1$ gives $f(x+1) = f(x) + x + 2$, so $f(n) = \frac{n^2 + 3n - 2}{2}$ for all integers $n$.
Then $f(n) = n$ becomes $n^2 + n - 2 = 0$, i.e. $(n+2)(n-1) = 0$.
The integers are $\boxed{-2, 1}$.""",
        True,
        "same list, different order",
        "math500",
    ),
    Case(
        "math500:25",
        r"1,-2",
        r"""From the recursion $f(n+1) = f(n) + n + 2$ and $f(0) = -1$ we get $f(n) = \frac{n^2+3n-2}{2}$.
Solving $n^2 + n - 2 = 0$, the integers are $\boxed{1}$ and $\boxed{-2}$.""",
        True,
        "two boxes in one final statement",
        "math500",
    ),
    Case(
        "math500:25",
        r"1,-2",
        r"""We find $f(n) = \frac{n^2+3n-2}{2}$, and $f(n) = n$ gives $n^2 + n - 2 = 0$.
Checking small values, $f(1) = 1$ works, so the only such integer is $\boxed{1}$.""",
        False,
        "one solution missing",
        "math500",
    ),
    Case(
        "math500:36",
        r"3, 5, 7",
        r"""Let $a = x - 3$ and $b = x - 7$, so $a + b = 2x - 10$ and the equation is $a^3 + b^3 = (a+b)^3$.
This simplifies to $3ab(a+b) = 0$, so $x = 3$, $x = 7$, or $x = 5$.
The roots are $\boxed{7, 3, 5}$.""",
        True,
        "bare list, any order",
        "math500",
    ),
    Case(
        "math500:36",
        r"3, 5, 7",
        r"""Expanding, $3ab(a+b) = 0$ with $a = x-3$, $b = x-7$. Since $a + b = 2x - 10 \neq 0$ in general, we need $ab = 0$.
So the roots are $\boxed{3, 7}$.""",
        False,
        "root 5 missing",
        "math500",
    ),
    Case(
        "math500:7",
        r"90^\circ",
        r"""The first line has direction vector $(3, 2, -6)$ and the second has direction $(2, -12, -3)$.
Their dot product is $6 - 24 + 18 = 0$, so the lines are perpendicular.
The angle is $\boxed{90}$ degrees.""",
        True,
        "degree sign dropped",
        "math500",
    ),
    Case(
        "math500:7",
        r"90^\circ",
        r"""The direction vectors are $(3,2,-6)$ and $(2,-12,-3)$, with $|u| = 7$ and $|v| = \sqrt{157}$.
Taking $\cos\theta = \frac{1}{2}$, we get $\theta = \boxed{60^\circ}$.""",
        False,
        "wrong angle",
        "math500",
    ),
    Case(
        "math500:4",
        r"\text{Evelyn}",
        r"""Average speed is distance divided by time, which is the slope of the segment from the origin to each point.
Evelyn's point $(1.25, 4.5)$ gives slope $3.6$, larger than every other student's.
So the student with the greatest average speed is $\boxed{Evelyn}$.""",
        True,
        "name without \\text",
        "math500",
    ),
    Case(
        "math500:4",
        r"\text{Evelyn}",
        r"""Carla's point is the highest on the graph at a distance of $5.2$, so she ran the farthest.
Therefore the fastest student is $\boxed{\text{Carla}}$.""",
        False,
        "wrong student",
        "math500",
    ),
    Case(
        "math500:15",
        r"6 - 5i",
        r"""We have $w - c = (z - c) e^{i\pi/4}$ with $z - c = \sqrt{2} - 3\sqrt{2} i$.
Then $(\sqrt{2} - 3\sqrt{2}i)\cdot\frac{1+i}{\sqrt{2}} = (1 - 3i)(1 + i) = 4 - 2i$, so $w = 4 - 2i + 2 - 3i$.
Therefore $w = \boxed{-5i + 6}$.""",
        True,
        "complex terms reordered",
        "math500",
    ),
    Case(
        "math500:15",
        r"6 - 5i",
        r"""Rotating $z - c = \sqrt2 - 3\sqrt2 i$ by $\pi/4$ gives $4 - 2i$, and adding $c = 2 - 3i$ back we get
$w = \boxed{6 + 5i}$.""",
        False,
        "sign error in imaginary part",
        "math500",
    ),
    Case(
        "math500:17",
        r"\pi",
        r"""The graph has a maximum of $3$ at $x = -\frac{\pi}{6}$ ... comparing with $2\sin(3x + c) + 1$, the graph crosses the midline going down at $x = 0$.
So $c = \pi$, and numerically the smallest value is $\boxed{3.14159}$.""",
        False,
        "3.14159 is not pi in an exact-answer task (issue 15, class 10)",
        "math500",
    ),
    Case(
        "math500:17",
        r"\pi",
        r"""At $x = 0$ the graph is at the midline and decreasing, which means $\sin c = 0$ with $c > 0$ minimal, so $c = \pi \approx 3.14$.
The answer is $\boxed{3.14}$.""",
        False,
        "3.14 vs pi beyond tolerance",
        "math500",
    ),
    Case(
        "math500:17",
        r"\pi",
        r"""The graph reaches its maximum at $x = 0$, so $\sin(c) = 1$ and the smallest positive $c$ is $\boxed{\frac{\pi}{2}}$.""",
        False,
        "wrong phase",
        "math500",
    ),
    Case(
        "math500:30",
        r"52_8",
        r"""In base 10, $6 \cdot 7 = 42$, and $42 = 5 \cdot 8 + 2$.
So in base 8 the product is $\boxed{52_{8}}$.""",
        True,
        "braced subscript",
        "math500",
    ),
    Case(
        "math500:30",
        r"52_8",
        r"""Converting to base 10, $6_8 = 6$ and $7_8 = 7$, so the product is $6 \cdot 7 = \boxed{42}$.""",
        False,
        "left in base 10",
        "math500",
    ),
    Case(
        "math500:51",
        r"x^5 - x^4 + x^3 - x^2 + x - 1",
        r"""Using synthetic division by $x + 1$ on $x^6 + 0x^5 + \dots - 3$, the coefficients alternate $1, -1, 1, -1, 1, -1$ with remainder $-2$.
Hence the quotient is $\boxed{-1 + x - x^2 + x^3 - x^4 + x^5}$.""",
        True,
        "polynomial terms reordered",
        "math500",
    ),
    Case(
        "math500:51",
        r"x^5 - x^4 + x^3 - x^2 + x - 1",
        r"""We know $x^6 - 1 = (x-1)(x^5 + x^4 + x^3 + x^2 + x + 1)$, so dividing gives
the quotient $\boxed{x^5 + x^4 + x^3 + x^2 + x + 1}$.""",
        False,
        "wrong signs (divided by x-1)",
        "math500",
    ),
    Case(
        "math500:74",
        r"\cot x",
        r"""Write $\frac{\sec x}{\sin x} = \frac{1}{\sin x \cos x}$. Then the expression is $\frac{1 - \sin^2 x}{\sin x \cos x} = \frac{\cos^2 x}{\sin x\cos x}$.
This simplifies to $\boxed{\frac{\cos x}{\sin x}}$.""",
        True,
        "cos/sin equals cot",
        "math500",
    ),
    Case(
        "math500:74",
        r"\cot x",
        r"""Combining over a common denominator, $\frac{1 - \sin^2 x}{\sin x \cos x} = \frac{\cos^2 x}{\sin x \cos x}$.
So the expression simplifies to $\boxed{\tan x}$.""",
        False,
        "reciprocal of the right answer",
        "math500",
    ),
    Case(
        "math500:96",
        r"1 \pm \sqrt{19}",
        r"""After substituting and clearing denominators, the equation reduces to $x^2 - 2x - 18 = 0$.
By the quadratic formula the real roots are $\boxed{1 + \sqrt{19}, 1 - \sqrt{19}}$.""",
        True,
        "pm written out as two roots",
        "math500",
    ),
    Case(
        "math500:96",
        r"1 \pm \sqrt{19}",
        r"""The equation reduces to $x^2 - 2x - 18 = 0$, whose roots are $1 \pm \sqrt{19}$.
Taking the positive root, the answer is $\boxed{1 + \sqrt{19}}$.""",
        False,
        "one root missing",
        "math500",
    ),
    Case(
        "math500:99",
        r"\begin{pmatrix} -1/3 \\ 2/3 \\ 5/3 \end{pmatrix}",
        r"""Let $\mathbf{v} = (x, y, z)$. Then $x + y + z = 2$ and $\mathbf{a} \times \mathbf{v} = (z - y, x - z, y - x) = (1, -2, 1)$.
Solving, $y = x + 1$ and $z = x + 2$, so $3x + 3 = 2$ and $x = -\frac13$.
Hence $\mathbf{v} = \boxed{\begin{pmatrix} -\frac{1}{3} \\ \frac{2}{3} \\ \frac{5}{3} \end{pmatrix}}$.""",
        True,
        "fractions as \\frac",
        "math500",
    ),
    Case(
        "math500:99",
        r"\begin{pmatrix} -1/3 \\ 2/3 \\ 5/3 \end{pmatrix}",
        r"""From the cross product, $y = x + 1$ and $z = x + 2$. With $x + y + z = 2$ we get $x = \frac{1}{3}$.
So $\mathbf{v} = \boxed{\begin{pmatrix} 1/3 \\ 2/3 \\ 5/3 \end{pmatrix}}$.""",
        False,
        "sign error in first entry",
        "math500",
    ),
    Case(
        "math500:102",
        r"(a+5)(b+2)",
        r"""Group the terms: $ab + 5b + 2a + 10 = b(a + 5) + 2(a + 5)$.
Factoring out $a + 5$ gives $\boxed{(b+2)(a+5)}$.""",
        True,
        "factors in other order",
        "math500",
    ),
    Case(
        "math500:102",
        r"(a+5)(b+2)",
        r"""We look for a factorization $(a + m)(b + n)$ with $mn = 10$. Trying $m = 2, n = 5$, we get $\boxed{(a+2)(b+5)}$.""",
        False,
        "wrong factorization",
        "math500",
    ),
    Case(
        "math500:102",
        r"(a+5)(b+2)",
        r"""Rearranging the terms, the expression is $\boxed{ab + 2a + 5b + 10}$.""",
        False,
        "not factored: restates the expression",
        "math500",
    ),
    Case(
        "math500:103",
        r"(3,4]",
        r"""Points of period 2 that are not fixed points exist when $\lambda^2 - 2\lambda - 3 > 0$, i.e. $\lambda > 3$, with $\lambda \le 4$ to stay in $[0,1]$.
So the answer is $\boxed{(3, 4]}$.""",
        True,
        "spacing only",
        "math500",
    ),
    Case(
        "math500:103",
        r"(3,4]",
        r"""The 2-cycle appears when the fixed point loses stability at $\lambda = 3$, and $\lambda \le 4$ is required.
Thus $\lambda \in \boxed{[3,4]}$.""",
        False,
        "closed end at 3",
        "math500",
    ),
    Case(
        "math500:120",
        r"\text{even}",
        r"""Since $g$ is even, $g(f(-x)) = g(-f(x)) = g(f(x))$, so $g(f(x))$ is even, and applying $f$ to an even function gives an even function.
Therefore the whole composition is even. The answer is even.""",
        True,
        "text answer via 'The answer is'",
        "math500",
    ),
    Case(
        "math500:120",
        r"\text{even}",
        r"""An odd function composed with an odd function is odd, and there are more odd functions than even ones in the composition.
So the result is $\boxed{\text{odd}}$.""",
        False,
        "wrong parity",
        "math500",
    ),
    Case(
        "math500:146",
        r"\frac{\sqrt{3}}{3}",
        r"""We have $\sqrt{27} = 3\sqrt{3}$, so $\frac{3}{\sqrt{27}} = \frac{3}{3\sqrt{3}}$.
This equals $\boxed{\frac{1}{\sqrt{3}}}$.""",
        True,
        "unrationalized equivalent",
        "math500",
    ),
    Case(
        "math500:146",
        r"\frac{\sqrt{3}}{3}",
        r"""$\frac{3}{\sqrt{27}} = \frac{3}{3\sqrt3} = \frac{1}{\sqrt3} \approx \boxed{0.57735}$""",
        False,
        "a rounded decimal is not the exact sqrt(3)/3 (issue 15, class 10)",
        "math500",
    ),
    Case(
        "math500:146",
        r"\frac{\sqrt{3}}{3}",
        r"""Rationalizing, $\frac{3}{\sqrt{27}} = \frac{3\sqrt{27}}{27} = \frac{\sqrt{27}}{9}$, which simplifies to $\boxed{\frac{\sqrt{3}}{9}}$.""",
        False,
        "simplified wrongly",
        "math500",
    ),
    Case(
        "math500:166",
        r"\frac{270}7\text{ degrees}",
        r"""Each interior angle of a regular heptagon is $\frac{900}{7}^\circ$, and the square contributes $90^\circ$.
So $\angle BAC = \frac{900}{7} - 90 = \frac{270}{7}$. The answer is $\boxed{\frac{270}{7}^\circ}$.""",
        True,
        "degree sign instead of 'degrees'",
        "math500",
    ),
    Case(
        "math500:166",
        r"\frac{270}7\text{ degrees}",
        r"""The interior angle of the heptagon is $\frac{5 \cdot 180}{7} = \frac{900}{7}$ degrees, so the angle between the square's side and $AB$ is $\frac{900}{7} - 90$.
Final answer: $\boxed{\frac{270}{7}}$""",
        True,
        "unit dropped",
        "math500",
    ),
    Case(
        "math500:166",
        r"\frac{270}7\text{ degrees}",
        r"""The angles around $A$ sum to $360^\circ$, so $\angle BAC = 360 - 90 - \frac{900}{7} = \boxed{\frac{990}{7}}$ degrees.""",
        False,
        "wrong configuration",
        "math500",
    ),
    Case(
        "math500:176",
        r".0000672",
        r"""$\frac{21}{2^2 \cdot 5^7} = \frac{21 \cdot 2^5}{10^7} = \frac{672}{10^7}$, so the decimal is $\boxed{0.0000672}$.""",
        True,
        "leading zero added",
        "math500",
    ),
    Case(
        "math500:176",
        r".0000672",
        r"""Multiplying numerator and denominator by $2^5$ gives $\frac{672}{10^7} = \boxed{6.72 \times 10^{-5}}$.""",
        True,
        "scientific notation",
        "math500",
    ),
    Case(
        "math500:176",
        r".0000672",
        r"""Multiply top and bottom by $2^5 = 32$ to get $\frac{672}{10^6}$, which is $\boxed{0.000672}$.""",
        False,
        "off by a power of ten",
        "math500",
    ),
    Case(
        "math500:198",
        r"10,\!080",
        r"""Treat the two boys as a single block, giving $7$ units to arrange in $7! = 5040$ ways.
The boys can switch places inside the block, so the total is $2 \cdot 5040 = \boxed{10080}$.""",
        True,
        "no thousands separator",
        "math500",
    ),
    Case(
        "math500:198",
        r"10,\!080",
        r"""Gluing the boys together, we arrange $7$ objects, and the boys can be ordered in $2$ ways.
The number of seatings is $\boxed{10,080}$.""",
        True,
        "plain comma separator",
        "math500",
    ),
    Case(
        "math500:198",
        r"10,\!080",
        r"""Treating the two boys as one block, there are $7$ objects to arrange, so the answer is $7! = \boxed{5040}$.""",
        False,
        "forgot the factor 2",
        "math500",
    ),
    Case(
        "math500:217",
        r"11,\! 111,\! 111,\! 100",
        r"""A multiple of $450 = 2 \cdot 3^2 \cdot 5^2$ made of 0s and 1s must end in $00$ and have digit sum divisible by $9$.
The smallest such number has nine 1s followed by two 0s: $\boxed{11111111100}$.""",
        True,
        "big integer without separators",
        "math500",
    ),
    Case(
        "math500:217",
        r"11,\! 111,\! 111,\! 100",
        r"""The number must end in $00$ (for $25$) and its digits must sum to a multiple of $9$.
So the answer is $\boxed{1111111100}$.""",
        False,
        "only eight 1s",
        "math500",
    ),
    Case(
        "math500:227",
        r"\text{(C)}",
        r"""In cylindrical coordinates, $z = c$ fixes the height while $r$ and $\theta$ are free.
This describes a horizontal plane, so the answer is $\boxed{C}$.""",
        True,
        "bare letter",
        "math500",
    ),
    Case(
        "math500:227",
        r"\text{(C)}",
        r"""Since $r$ can be anything and $\theta$ sweeps all angles, the surface wraps around the $z$-axis.
The shape is a cylinder: $\boxed{\text{(E)}}$.""",
        False,
        "wrong option",
        "math500",
    ),
    Case(
        "math500:242",
        r"\$32,\!348",
        r"""Five years contain $30$ two-month periods, so the investment grows to $24000 (1.01)^{30} \approx 32348.37$.
To the nearest dollar, the total is $\boxed{32348}$.""",
        True,
        "dollar sign and separator dropped",
        "math500",
    ),
    Case(
        "math500:242",
        r"\$32,\!348",
        r"""The bond pays $1\%$ of $\$24{,}000$, i.e. $\$240$, every two months, for $30$ periods, giving $\$7200$ of interest.
The total is $\boxed{\$31,\!200}$.""",
        False,
        "simple instead of compound interest",
        "math500",
    ),
    Case(
        "math500:248",
        r"\begin{pmatrix} -1 & 0 \\ 0 & -1 \end{pmatrix}",
        r"""We compute $\mathbf{A}^2 = \begin{pmatrix} 2 & 7 \\ -1 & -3 \end{pmatrix}$ and $\mathbf{A}^3 = -\mathbf{I}$.
Then $\mathbf{A}^{27} = -\mathbf{I}$, $\mathbf{A}^{31} = \mathbf{A}$, and $\mathbf{A}^{40} = -\mathbf{A}$, so the sum is
$\boxed{\begin{bmatrix} -1 & 0 \\ 0 & -1 \end{bmatrix}}$.""",
        True,
        "bmatrix vs pmatrix",
        "math500",
    ),
    Case(
        "math500:248",
        r"\begin{pmatrix} -1 & 0 \\ 0 & -1 \end{pmatrix}",
        r"""Since $\mathbf{A}^3 = -\mathbf{I}$, we have $\mathbf{A}^{27} = \mathbf{I}$, $\mathbf{A}^{31} = \mathbf{A}$, and $\mathbf{A}^{40} = -\mathbf{A}$.
The sum is $\boxed{\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}}$.""",
        False,
        "sign slip: (-I)^9 taken as I",
        "math500",
    ),
    Case(
        "math500:257",
        r"864 \mbox{ inches}^2",
        r"""One cubic foot means a side of $12$ inches. Each face has area $144$ square inches and there are $6$ faces.
The total surface area is $\boxed{864 \text{ square inches}}$.""",
        True,
        "unit written differently",
        "math500",
    ),
    Case(
        "math500:257",
        r"864 \mbox{ inches}^2",
        r"""The cube has side $12$ inches, so one face has area $12^2 = \boxed{144}$ square inches.""",
        False,
        "one face only",
        "math500",
    ),
    Case(
        "math500:264",
        r"1\frac{4}{5}",
        r"""$BD = \sqrt{5^2 - 3^2} = 4$, so $CJ = \frac34$ and $GJ = \frac94$, where $J = BE \cap GC$. Then $EJ = \frac{15}{4}$ and the distance from $G$ to $BE$ is $\frac{3 \cdot 9/4}{15/4} = \frac95$, which equals $BH$.
As a mixed number, $BH = \boxed{1\tfrac{4}{5}}$.""",
        True,
        "tfrac mixed number",
        "math500",
    ),
    Case(
        "math500:264",
        r"1\frac{4}{5}",
        r"""$BD = 4$ and the distance from $G$ to line $BE$ is $\frac{9}{5}$, so $BH = \frac{9}{5}$, i.e. the fractional part is $\frac45$.
So $BH = \boxed{\frac{4}{5}}$.""",
        False,
        "dropped the whole part of the mixed number",
        "math500",
    ),
    Case(
        "math500:264",
        r"1\frac{4}{5}",
        r"""Since $BD = 4$, similar triangles give $CJ = \frac34$ and $GJ = \frac94$; the height from $G$ to $BE$ is $\frac{9}{5}$, so $BH = \boxed{\frac{9}{5}}$.""",
        True,
        "improper fraction of same value",
        "math500",
    ),
    Case(
        "math500:293",
        r"\left(\frac{3}{5},\frac{8}{3}\right]",
        r"""The first inequality gives $54p \le 144$, so $p \le \frac{8}{3}$. The second gives $20p > 12$, so $p > \frac{3}{5}$.
Together, $p \in \boxed{\left(\frac35, \frac83\right]}$.""",
        True,
        "short frac forms",
        "math500",
    ),
    Case(
        "math500:293",
        r"\left(\frac{3}{5},\frac{8}{3}\right]",
        r"""From $0 \ge 54p - 144$ we get $p \le 8/3$, and from $0 > 12 - 20p$ we get $p > 0.6$.
The solution set is $\boxed{(0.6, \frac{8}{3}]}$.""",
        True,
        "exact decimal endpoint",
        "math500",
    ),
    Case(
        "math500:293",
        r"\left(\frac{3}{5},\frac{8}{3}\right]",
        r"""We need $p \le \frac{8}{3}$ and $p \ge \frac{3}{5}$, so the answer is $\boxed{\left[\frac{3}{5}, \frac{8}{3}\right]}$.""",
        False,
        "left end should be open",
        "math500",
    ),
    Case(
        "math500:301",
        r"5.4 \text{ cents}",
        r"""The 70s stamps are 12 Brazil and 12 France at 6 cents, 6 Peru at 4 cents, and 13 Spain at 5 cents: 233 cents for 43 stamps.
The average is $\frac{233}{43} \approx 5.42$ cents, which rounds to $5.4$.
The answer is $\boxed{5.4}$.""",
        True,
        "unit dropped",
        "math500",
    ),
    Case(
        "math500:301",
        r"5.4 \text{ cents}",
        r"""Adding the prices of the 70s stamps and dividing by their number, the average is $\boxed{54}$ cents.""",
        False,
        "decimal point dropped",
        "math500",
    ),
    Case(
        "math500:318",
        r"\frac{11+9a}{20}",
        r"""With common denominator $20$, $\frac{4(4+6a) - 5(1+3a)}{20} = \frac{16 + 24a - 5 - 15a}{20}$.
This simplifies to $\boxed{\frac{9a+11}{20}}$.""",
        True,
        "numerator reordered",
        "math500",
    ),
    Case(
        "math500:318",
        r"\frac{11+9a}{20}",
        r"""Using the common denominator $20$: $\frac{16 + 24a + 5 - 15a}{20}$, which gives $\boxed{\frac{21+9a}{20}}$.""",
        False,
        "sign error distributing",
        "math500",
    ),
    Case(
        "math500:358",
        r"\text{ellipse}",
        r"""Expanding, $\frac{x^2}{4} - 3x + 9 + y^2 = 10$, which has positive but unequal coefficients on $x^2$ and $y^2$.
So the graph is an ellipse, and the answer is $\boxed{\text{Ellipse}}$.""",
        True,
        "capitalized text answer",
        "math500",
    ),
    Case(
        "math500:358",
        r"\text{ellipse}",
        r"""The equation is a sum of two squares equal to a positive constant, $10$.
That is the equation of a $\boxed{\text{circle}}$.""",
        False,
        "wrong conic",
        "math500",
    ),
    Case(
        "math500:380",
        r"(0,9) \cup (9,36)",
        r"""The numerator $|x^2 - 81|$ is nonnegative and is zero at $x = \pm 9$, so we need $x^2 - 36x < 0$ and $x \ne \pm 9$.
That is $0 < x < 36$ with $x \neq 9$: $\boxed{(0,9)\cup(9,36)}$.""",
        True,
        "spacing only",
        "math500",
    ),
    Case(
        "math500:380",
        r"(0,9) \cup (9,36)",
        r"""Since $|x^2-81| \ge 0$, the fraction is negative exactly when $x(x - 36) < 0$.
The solution is $\boxed{(0,36)}$.""",
        False,
        "forgot to exclude x = 9",
        "math500",
    ),
    Case(
        "math500:383",
        r"x \in [-2,7]",
        r"""The inequality becomes $x^2 - 5x - 14 \le 0$, i.e. $(x-7)(x+2) \le 0$.
So $x$ lies in $\boxed{[-2, 7]}$.""",
        True,
        "label 'x \\in' dropped",
        "math500",
    ),
    Case(
        "math500:383",
        r"x \in [-2,7]",
        r"""Factoring, $(x - 7)(x + 2) \le 0$, so the answer is $\boxed{(-2, 7)}$.""",
        False,
        "open instead of closed",
        "math500",
    ),
    Case(
        "math500:422",
        r"\{1\pm\sqrt{5},-2\}",
        r"""The resolvent cubic of $x^4 + 2x^3 + 2$ is $y^3 - 8y - 8 = 0$, which factors as $(y+2)(y^2 - 2y - 4) = 0$.
Its roots are $-2$ and $1 \pm \sqrt{5}$, so the set is $\boxed{\{-2, 1+\sqrt{5}, 1-\sqrt{5}\}}$.""",
        True,
        "set reordered, pm expanded",
        "math500",
    ),
    Case(
        "math500:422",
        r"\{1\pm\sqrt{5},-2\}",
        r"""The three sums are the roots of $y^3 - 8y - 8 = 0$, namely $\boxed{-2, 1 + \sqrt{5}, 1 - \sqrt{5}}$.""",
        True,
        "bare list against set gold",
        "math500",
    ),
    Case(
        "math500:422",
        r"\{1\pm\sqrt{5},-2\}",
        r"""The resolvent cubic is $y^3 - 8y - 8 = 0$; testing $y = 2$ and factoring out $(y - 2)$ leaves $y^2 - 2y - 4$, so the set is
$\boxed{\{2, 1+\sqrt{5}, 1-\sqrt{5}\}}$.""",
        False,
        "sign error in one element",
        "math500",
    ),
    Case(
        "math500:431",
        r"\left[ \frac{\pi^2}{8}, \frac{5 \pi^2}{4} \right]",
        r"""Let $a = \arccos x$, so $\arcsin x = \frac{\pi}{2} - a$ and $f = 2a^2 - \pi a + \frac{\pi^2}{4}$ for $a \in [0, \pi]$.
The minimum is at $a = \frac{\pi}{4}$, giving $\frac{\pi^2}{8}$, and the maximum at $a = \pi$, giving $\frac{5\pi^2}{4}$.
The range is $\boxed{\left[\frac{\pi^2}{8}, \frac{5\pi^2}{4}\right]}$.""",
        True,
        "spacing only",
        "math500",
    ),
    Case(
        "math500:431",
        r"\left[ \frac{\pi^2}{8}, \frac{5 \pi^2}{4} \right]",
        r"""At $x = 0$ we get $f = \frac{\pi^2}{4}$, and at $x = -1$ we get $\pi^2 + \frac{\pi^2}{4}$.
So the range is $\boxed{\left[\frac{\pi^2}{4}, \frac{5\pi^2}{4}\right]}$.""",
        False,
        "wrong minimum",
        "math500",
    ),
    Case(
        "math500:454",
        r"y = 2x + 3",
        r"""Solving for $\mathbf{M}$, we get $\mathbf{M} = \begin{pmatrix} 4 & -1 \\ 2 & 1 \end{pmatrix}$.
The points $(0,1)$ and $(1,3)$ on the line map to $(-1,1)$ and $(1,5)$, so the image is $\boxed{y = 3 + 2x}$.""",
        True,
        "terms reordered",
        "math500",
    ),
    Case(
        "math500:454",
        r"y = 2x + 3",
        r"""The image of $(0, 1)$ is $(-1, 1)$ and the image of $(1, 3)$ is $(1, 5)$, so the slope is $2$.
The answer is $\boxed{2x + 3}$.""",
        True,
        "y = dropped",
        "math500",
    ),
    Case(
        "math500:454",
        r"y = 2x + 3",
        r"""Since $\mathbf{M}$ is linear, it maps lines to lines with the same slope, so the image is $\boxed{y = 2x + 1}$.""",
        False,
        "copied the original line",
        "math500",
    ),
    Case(
        "math500:459",
        r"\$18.90",
        r"""Let the cost be $6a s^2 + b s^3$. Then $6a + b = 1.30$ and $24a + 8b = 6.80$, giving $a = 0.15$ and $b = 0.40$.
For $s = 3$: $54(0.15) + 27(0.40) = 8.10 + 10.80 = \boxed{18.9}$.""",
        True,
        "dollar sign and trailing zero dropped",
        "math500",
    ),
    Case(
        "math500:459",
        r"\$18.90",
        r"""We get $a = 0.15$ for paint per square inch and $b = 0.40$ for concrete per cubic inch.
Then the 3-inch cube costs $54 \cdot 0.40 + 27 \cdot 0.15 = \boxed{\$25.65}$.""",
        False,
        "rates swapped",
        "math500",
    ),
    Case(
        "math500:472",
        r"137 \frac{1}{2}",
        r"""Distance is $50 \cdot 2\frac{3}{4} = 50 \cdot \frac{11}{4} = \frac{275}{2}$ miles.
As a mixed number, that is $\boxed{137\frac{1}{2}}$.""",
        True,
        "mixed number, no space",
        "math500",
    ),
    Case(
        "math500:472",
        r"137 \frac{1}{2}",
        r"""The car travels $50 \times 2.75 = \boxed{137.5}$ miles.""",
        True,
        "decimal of the same value",
        "math500",
    ),
    Case(
        "math500:472",
        r"137 \frac{1}{2}",
        r"""$50 \cdot \frac{11}{4} = \frac{550}{4}$, which reduces to $\boxed{\frac{137}{2}}$ miles.""",
        False,
        "reduced wrongly (68.5)",
        "math500",
    ),
    Case(
        "math500:488",
        r"\$36",
        r"""If the original price is $p$, then $0.4p = 14.40$, so $p = 36$.
The original price was $\boxed{36}$ dollars.""",
        True,
        "dollar sign dropped",
        "math500",
    ),
    Case(
        "math500:488",
        r"\$36",
        r"""Since $14.40$ is $60\%$ of the original price, the original price is $\frac{14.40}{0.6} = \boxed{\$24}$.""",
        False,
        "used 60% instead of 40%",
        "math500",
    ),
    Case(
        "math500:488",
        r"\$36",
        r"""The sale price is $40\%$ of the original, so the original price is $\frac{14.40}{0.4} = 36$ dollars.
The discount is therefore $0.6 \times 36 = \boxed{21.60}$.""",
        False,
        "right value in reasoning, different final answer",
        "math500",
    ),
    Case(
        "math500:100",
        r"145^\circ",
        r"""Opposite angles in the cyclic quadrilaterals formed by the diagonals give arcs summing to $360^\circ$.
Working through the arcs, $\alpha = \boxed{145}$.""",
        True,
        "degree sign dropped",
        "math500",
    ),
    Case(
        "math500:100",
        r"145^\circ",
        r"""The two labeled angles cut off arcs of $150^\circ$ and $140^\circ$, so $\alpha$ subtends the remaining arc and $\alpha = \boxed{35^\circ}$.""",
        False,
        "wrong angle",
        "math500",
    ),
    Case(
        "math500:433",
        r".35625",
        r"""$\frac{57}{160} = \frac{57 \cdot 625}{100000} = \frac{35625}{100000}$, so the decimal is $\boxed{0.35625}$.""",
        True,
        "leading zero added",
        "math500",
    ),
    Case(
        "math500:433",
        r".35625",
        r"""Dividing, $57 \div 160 \approx \boxed{0.3562}$.""",
        False,
        "truncated decimal beyond 1e-4",
        "math500",
    ),
    Case(
        "math500:159",
        r"3.21",
        r"""Completing the square, $x^2 + 2.6x + 3.6 = (x + 1.3)^2 + 1.91$, so $b = 1.3$ and $c = 1.91$.
Therefore $b + c = \boxed{3.2}$.""",
        False,
        "rounded too far",
        "math500",
    ),
    Case(
        "math500:179",
        r"5x - 7y + 11z + 4 = 0",
        r"""Two direction vectors are $(-4,5,5)$ and $(4,6,2)$; their cross product is $(-20, 28, -44) \propto (5, -7, 11)$.
Plugging in $(0,-1,-1)$: $7 - 11 + D = 0$, so $D = 4$. The plane is $\boxed{5x-7y+11z+4=0}$.""",
        True,
        "spacing only",
        "math500",
    ),
    Case(
        "math500:179",
        r"5x - 7y + 11z + 4 = 0",
        r"""The normal vector is $(5, -7, 11)$. Using $(0,-1,-1)$: $0 + 7 - 11 = D$, so $D = -4$.
The equation is $\boxed{5x - 7y + 11z - 4 = 0}$.""",
        False,
        "sign of constant term",
        "math500",
    ),
    # ------------------------------------------------------------------ minerva_math
    Case(
        "minerva_math:1",
        r"4.5e33",
        r"""The luminosity of a blackbody is $L = 4\pi R^2 \sigma T^4 = 4\pi (10^9)^2 (5.7 \times 10^{-5}) (5 \times 10^4)^4$ erg/s.
This gives $L \approx 4.5 \times 10^{33}$ erg/s.
Final Answer: The final answer is $4.5 \times 10^{33}$. I hope it is correct.""",
        True,
        "scientific notation",
        "minerva_math",
    ),
    Case(
        "minerva_math:1",
        r"4.5e33",
        r"""$L = 4\pi R^2 \sigma T^4$ with $R = 10^9$ cm, $\sigma = 5.7\times10^{-5}$ and $T = 5\times 10^4$ K.
Numerically, $L = 4\pi \times 10^{18} \times 5.7 \times 10^{-5} \times 6.25 \times 10^{18} \approx 4.48 \times 10^{33}$ erg s$^{-1}$.
Final Answer: The final answer is $4.48 \times 10^{33} \text{ erg s}^{-1}$. I hope it is correct.""",
        True,
        "within 1e-2, unit dropped",
        "minerva_math",
    ),
    Case(
        "minerva_math:1",
        r"4.5e33",
        r"""Using $L = 4 \pi R^2 \sigma T^4$ with $R = 10^7$ and $\sigma = 5.7 \times 10^{-5}$, we get $L \approx 4.5 \times 10^{29}$.
Final Answer: The final answer is $4.5 \times 10^{29}$. I hope it is correct.""",
        False,
        "radius in m with cgs sigma",
        "minerva_math",
    ),
    Case(
        "minerva_math:2",
        r"41.8",
        r"""Total internal reflection at $H$ begins when $\sin\theta_c = \frac{1}{n} = \frac{1}{1.5}$.
So $\theta_c = \arcsin(0.667) \approx 41.8^\circ$.
Final Answer: The final answer is $41.8^\circ$. I hope it is correct.""",
        True,
        "degree sign",
        "minerva_math",
    ),
    Case(
        "minerva_math:2",
        r"41.8",
        r"""The critical angle satisfies $\cos\theta_c = 1/n$, so $\theta_c = \arccos(2/3) \approx 48.2^\circ$.
Final Answer: The final answer is $48.2$. I hope it is correct.""",
        False,
        "complementary angle",
        "minerva_math",
    ),
    Case(
        "minerva_math:5",
        r"np.arcsin(10/13)",
        r"""Total internal reflection starts when $1.3 \sin\theta_w = 1$.
So the critical angle is $\theta_w = \boxed{\arcsin\left(\frac{10}{13}\right)}$.""",
        True,
        "LaTeX form of the numpy gold",
        "minerva_math",
    ),
    Case(
        "minerva_math:5",
        r"np.arcsin(10/13)",
        r"""The critical angle is reached when $\sin\theta_a = 1$, i.e. $\sin\theta_w = 1/1.3$, which gives $\theta_w \approx 0.8776$ rad.
Final Answer: The final answer is $0.8776$. I hope it is correct.""",
        True,
        "decimal radians",
        "minerva_math",
    ),
    Case(
        "minerva_math:5",
        r"np.arcsin(10/13)",
        r"""Setting $1.3 \cos\theta_w = 1$, the critical angle is $\theta_w = \boxed{\arccos\left(\frac{10}{13}\right)}$.""",
        False,
        "arccos instead of arcsin",
        "minerva_math",
    ),
    Case(
        "minerva_math:10",
        r"3.83e35",
        r"""A difference of $5$ magnitudes is a factor of $100$ in luminosity, and the star is brighter than the Sun.
So $L = 100 \times 3.83 \times 10^{33} = 3.83 \times 10^{35}$ ergs/s.
Final Answer: The final answer is $3.83 \times 10^{35}$ ergs/s. I hope it is correct.""",
        True,
        "scientific notation with unit",
        "minerva_math",
    ),
    Case(
        "minerva_math:10",
        r"3.83e35",
        r"""Five magnitudes correspond to a factor of $100$, so $L = 3.83 \times 10^{33} / 100$.
Final Answer: The final answer is $3.83 \times 10^{31}$. I hope it is correct.""",
        False,
        "factor applied the wrong way",
        "minerva_math",
    ),
    Case(
        "minerva_math:38",
        r"-1./3",
        r"""Hydrostatic equilibrium gives $\frac{K M^{5/3}}{R^6} \sim \frac{G M^2}{R^5}$, so $R \sim \frac{K}{G} M^{-1/3}$.
Final Answer: The final answer is $-\frac{1}{3}$. I hope it is correct.""",
        True,
        "fraction vs '-1./3'",
        "minerva_math",
    ),
    Case(
        "minerva_math:38",
        r"-1./3",
        r"""Balancing $K\rho^{5/3}/R$ against $G M \rho / R^2$ with $\rho \sim M/R^3$, we find $R \propto M^{1/3}$.
Final Answer: The final answer is $\frac{1}{3}$. I hope it is correct.""",
        False,
        "sign error",
        "minerva_math",
    ),
    Case(
        "minerva_math:49",
        r"-3./2",
        r"""For a uniform distribution $N(>F) \propto d^3$ and $F \propto d^{-2}$, so $N \propto F^{-3/2}$.
The slope is $\boxed{-1.5}$.""",
        True,
        "decimal form",
        "minerva_math",
    ),
    Case(
        "minerva_math:49",
        r"-3./2",
        r"""$N \propto d^3$ and $F \propto d^{-2}$, so $d \propto F^{-1/2}$... giving $\log N$ vs $\log F$ slope $\boxed{-\frac{2}{3}}$.""",
        False,
        "exponent inverted",
        "minerva_math",
    ),
    Case(
        "minerva_math:50",
        r"2.7778e-6",
        r"""The angular resolution is $\theta = \lambda / D = \frac{0.1 \text{ m}}{36000 \text{ m}} \approx 2.78 \times 10^{-6}$ radians.
Final Answer: The final answer is $2.78 \times 10^{-6}$. I hope it is correct.""",
        True,
        "rounded within 1e-2",
        "minerva_math",
    ),
    Case(
        "minerva_math:50",
        r"2.7778e-6",
        r"""$\theta \approx \lambda / D = 10 / 36000 \approx 2.8 \times 10^{-6}$ rad...
Final Answer: The final answer is $2.8 \times 10^{-6}$. I hope it is correct.""",
        True,
        "2 sig figs, within 1e-2",
        "minerva_math",
    ),
    Case(
        "minerva_math:50",
        r"2.7778e-6",
        r"""$\theta = \lambda/D = \frac{10 \text{ cm}}{36 \text{ km}} = \frac{10}{3600} \approx 2.78 \times 10^{-3}$ radians.
Final Answer: The final answer is $2.78 \times 10^{-3}$. I hope it is correct.""",
        False,
        "unit conversion error",
        "minerva_math",
    ),
    Case(
        "minerva_math:67",
        r"1+\sqrt{3} i",
        r"""$e^{a + bi} = e^{\ln 2}(\cos\frac{\pi}{3} + i \sin\frac{\pi}{3}) = 2\left(\frac12 + \frac{\sqrt3}{2} i\right)$.
Final Answer: The final answer is $1 + i\sqrt{3}$. I hope it is correct.""",
        True,
        "i written before the radical",
        "minerva_math",
    ),
    Case(
        "minerva_math:67",
        r"1+\sqrt{3} i",
        r"""$e^{\ln 2} = 2$ and the angle $\pi/3$ gives $2(\cos\frac{\pi}{3} + i\sin\frac{\pi}{3})$; taking $\cos\frac{\pi}{3} = \frac{\sqrt3}{2}$, we get $\boxed{\sqrt{3} + i}$.""",
        False,
        "sin and cos swapped",
        "minerva_math",
    ),
    Case(
        "minerva_math:70",
        r"\sqrt{2} \cos (2 t-\pi / 4)",
        r"""The amplitude is $A = \sqrt{1^2 + 1^2} = \sqrt{2}$, the frequency is $\omega = 2$, and $\tan\phi = 1$ gives $\phi = \frac{\pi}{4}$.
So $f(t) = \boxed{\sqrt{2}\cos\left(2t - \frac{\pi}{4}\right)}$.""",
        True,
        "frac form of pi/4",
        "minerva_math",
    ),
    Case(
        "minerva_math:70",
        r"\sqrt{2} \cos (2 t-\pi / 4)",
        r"""With $A = \sqrt{2}$ and $\phi = \pi/4$, we have $f(t) = \boxed{\sqrt{2} \cos(2t + \pi/4)}$.""",
        False,
        "phase sign error",
        "minerva_math",
    ),
    Case(
        "minerva_math:73",
        r"\ln 2 + i\pi / 3",
        r"""$1 + \sqrt{3} i = 2 e^{i(\pi/3 + 2k\pi)}$, so $a + bi = \ln 2 + i(\pi/3 + 2k\pi)$.
The smallest positive $b$ is $\pi/3$, so the answer is $\boxed{\ln 2 + \frac{\pi}{3} i}$.""",
        True,
        "i placed after the fraction",
        "minerva_math",
    ),
    Case(
        "minerva_math:73",
        r"\ln 2 + i\pi / 3",
        r"""The modulus is $2$ and the argument is $\pi/3$, so $e^{a+bi} = 2e^{i\pi/3}$ and $a + bi = \boxed{2 + \frac{i\pi}{3}}$.""",
        False,
        "forgot the log of the modulus",
        "minerva_math",
    ),
    Case(
        "minerva_math:80",
        r"x / 2-1 / 4+c e^{-2 x}",
        r"""With integrating factor $e^{2x}$, $(y e^{2x})' = x e^{2x}$, so $y e^{2x} = \frac{x}{2}e^{2x} - \frac14 e^{2x} + C$.
Therefore $y = \boxed{\frac{x}{2} - \frac{1}{4} + Ce^{-2x}}$.""",
        True,
        "constant named C instead of c",
        "minerva_math",
    ),
    Case(
        "minerva_math:80",
        r"x / 2-1 / 4+c e^{-2 x}",
        r"""Integrating by parts, $\int x e^{2x} dx = \frac{x}{2} e^{2x} + \frac{1}{4} e^{2x}$, so
$y = \boxed{\frac{x}{2} + \frac{1}{4} + c e^{-2x}}$.""",
        False,
        "sign error in integration by parts",
        "minerva_math",
    ),
    Case(
        "minerva_math:90",
        r"-t^2 - t - 3",
        r"""Try $x = at^2 + bt + c$. Then $2a - at^2 - bt - c = t^2 + t + 1$, so $a = -1$, $b = -1$, $c = 2a - 1 = -3$.
Final Answer: The final answer is $x(t) = -t^2 - t - 3$. I hope it is correct.""",
        True,
        "x(t) = label",
        "minerva_math",
    ),
    Case(
        "minerva_math:90",
        r"-t^2 - t - 3",
        r"""Matching coefficients gives $a = -1$, $b = -1$, and $c = -3$, so the polynomial solution is $\boxed{-(t^2 + t + 3)}$.""",
        True,
        "factored sign",
        "minerva_math",
    ),
    Case(
        "minerva_math:90",
        r"-t^2 - t - 3",
        r"""Substituting $x = at^2 + bt + c$, we get $-at^2 - bt - c = t^2 + t + 1$ (the $\ddot x$ term is negligible), so $x = \boxed{-t^2 - t - 1}$.""",
        False,
        "dropped the 2a term",
        "minerva_math",
    ),
    Case(
        "minerva_math:104",
        r"\frac{37}{4} m",
        r"""From $p(s) = m(s^2 + s + \frac{37}{4})$, the constant term is $k$.
Final Answer: The final answer is $\frac{37m}{4}$. I hope it is correct.""",
        True,
        "m in the numerator",
        "minerva_math",
    ),
    Case(
        "minerva_math:104",
        r"\frac{37}{4} m",
        r"""$p(s) = m\left((s + \tfrac12)^2 + 9\right) = m s^2 + m s + 9.25 m$, so $k = \boxed{9.25m}$.""",
        True,
        "decimal coefficient",
        "minerva_math",
    ),
    Case(
        "minerva_math:104",
        r"\frac{37}{4} m",
        r"""The characteristic roots are $-\frac12 \pm 3i$, so $s^2 + s + \frac{37}{4}$ and $k = \boxed{\frac{37}{4}}$.""",
        False,
        "factor m missing",
        "minerva_math",
    ),
    Case(
        "minerva_math:121",
        r"0.10",
        r"""At steady state $\dot v = 0$, so $v_{ss} = f/b = 10/100$ m/s.
Final Answer: The final answer is $\boxed{0.1}$. I hope it is correct.""",
        True,
        "trailing zero, box inside Minerva line",
        "minerva_math",
    ),
    Case(
        "minerva_math:121",
        r"0.10",
        r"""In steady state $b v = f$, so $v_{ss} = b / f = 100/10 = 10$ m/s.
Final Answer: The final answer is $10$. I hope it is correct.""",
        False,
        "ratio inverted",
        "minerva_math",
    ),
    Case(
        "minerva_math:137",
        r"\frac{1}{\sqrt{2}}c",
        r"""The aberration formula with $\cos\theta' = -\frac{1}{\sqrt2}$ and $\cos\theta = 0$ gives $\beta = \frac{1}{\sqrt{2}}$.
So his speed is $\boxed{\frac{c}{\sqrt{2}}}$.""",
        True,
        "c moved into the numerator",
        "minerva_math",
    ),
    Case(
        "minerva_math:137",
        r"\frac{1}{\sqrt{2}}c",
        r"""From relativistic aberration, $\beta = \cos 45^\circ$, so $v = \boxed{\frac{\sqrt{2}}{2}c}$.""",
        True,
        "rationalized",
        "minerva_math",
    ),
    Case(
        "minerva_math:137",
        r"\frac{1}{\sqrt{2}}c",
        r"""Using aberration, $\beta = \frac{1}{\sqrt2} \approx 0.707$.
Final Answer: The final answer is $0.707c$. I hope it is correct.""",
        True,
        "decimal within 1e-2",
        "minerva_math",
    ),
    Case(
        "minerva_math:137",
        r"\frac{1}{\sqrt{2}}c",
        r"""Using $\sin\theta' = \beta$ with $\theta' = 30^\circ$, Manny runs at $\boxed{\frac{c}{2}}$.""",
        False,
        "wrong speed",
        "minerva_math",
    ),
    Case(
        "minerva_math:148",
        r"+2",
        r"""At pH 1.0 the carboxyl group is protonated (neutral), while the amino group and the guanidino side chain are both protonated (+1 each).
So the net charge is $\boxed{2}$.""",
        True,
        "+ sign omitted",
        "minerva_math",
    ),
    Case(
        "minerva_math:148",
        r"+2",
        r"""At pH 1 the amine is $+1$, the carboxylate is $-1$... and the side chain is $+1$, so the net charge is $\boxed{+1}$.""",
        False,
        "carboxyl wrongly deprotonated",
        "minerva_math",
    ),
    Case(
        "minerva_math:245",
        r"MR=SRMC",
        r"""In the short run, profit is maximized where marginal revenue equals short-run marginal cost.
Final Answer: The final answer is $MR = SRMC$. I hope it is correct.""",
        True,
        "spacing only",
        "minerva_math",
    ),
    Case(
        "minerva_math:245",
        r"MR=SRMC",
        r"""Profit maximization requires that marginal revenue equal long-run marginal cost.
Final Answer: The final answer is $MR = LRMC$. I hope it is correct.""",
        False,
        "long-run instead of short-run",
        "minerva_math",
    ),
    Case(
        "minerva_math:260",
        r"X_{d}=125-1.25 P",
        r"""Linear demand $X_d = a - bP$ with elasticity $-b \cdot \frac{20}{100} = -0.25$ gives $b = 1.25$, and $100 = a - 25$ gives $a = 125$.
Final Answer: The final answer is $X_d = 125 - 1.25P$. I hope it is correct.""",
        True,
        "subscript without braces",
        "minerva_math",
    ),
    Case(
        "minerva_math:260",
        r"X_{d}=125-1.25 P",
        r"""We find $b = \frac{5}{4}$ and $a = 125$, so the demand curve is $\boxed{X_d = 125 - \frac{5}{4}P}$.""",
        True,
        "fraction coefficient",
        "minerva_math",
    ),
    Case(
        "minerva_math:260",
        r"X_{d}=125-1.25 P",
        r"""The slope is $b = 1.25$ and, at the current quantity of 100, the demand curve is $\boxed{X_d = 100 - 1.25P}$.""",
        False,
        "intercept not solved for",
        "minerva_math",
    ),
    Case(
        "minerva_math:46",
        r"15625",
        r"""$L \propto R^2 T^4$, so $L/L_\odot = 500^2 \times (1/2)^4 = 250000/16$.
Final Answer: The final answer is $1.5625 \times 10^4$. I hope it is correct.""",
        True,
        "scientific notation of an integer",
        "minerva_math",
    ),
    Case(
        "minerva_math:46",
        r"15625",
        r"""$L \propto R^2 T^2$, so $L = 500^2 \times \frac{1}{4} = 62500\,L_\odot$.
Final Answer: The final answer is $62500$. I hope it is correct.""",
        False,
        "T^2 instead of T^4",
        "minerva_math",
    ),
    Case(
        "minerva_math:56",
        r"11000",
        r"""Net community production is $\mathrm{GPP}$ minus total community respiration: $20{,}000 - 9{,}000$.
Final Answer: The final answer is $11,000 \text{ kcal m}^{-2}\text{yr}^{-1}$. I hope it is correct.""",
        True,
        "separator and unit",
        "minerva_math",
    ),
    Case(
        "minerva_math:56",
        r"11000",
        r"""NCP = GPP − plant respiration $= 20{,}000 - 5{,}000 = 15{,}000$ kcal m$^{-2}$ yr$^{-1}$.
Final Answer: The final answer is $15000$. I hope it is correct.""",
        False,
        "that is NPP, not NCP",
        "minerva_math",
    ),
    Case(
        "minerva_math:69",
        r"-0.875",
        r"""$y_1 = -1 + 0.5(1) = -0.5$, $y_2 = -0.5 + 0.5(0.25 - 0.25) = -0.5$, $y_3 = -0.5 + 0.5(0.25 - 1) = -0.875$.
Final Answer: The final answer is $-\frac{7}{8}$. I hope it is correct.""",
        True,
        "fraction form",
        "minerva_math",
    ),
    Case(
        "minerva_math:69",
        r"-0.875",
        r"""$y_1 = -0.5$ at $x = 0.5$ and $y_2 = -0.5$ at $x = 1$.
Final Answer: The final answer is $-0.5$. I hope it is correct.""",
        False,
        "stopped one step early",
        "minerva_math",
    ),
    Case(
        "minerva_math:0",
        r"1.6",
        r"""The image size is $s = \alpha f$ with $\alpha = 45'' = 2.18 \times 10^{-4}$ rad and $f = 7200$ cm.
So $s \approx 1.6$ cm.
Final Answer: The final answer is $1.6 \text{ cm}$. I hope it is correct.""",
        True,
        "unit dropped",
        "minerva_math",
    ),
    Case(
        "minerva_math:0",
        r"1.6",
        r"""$s = \alpha f = \frac{45}{3600}\cdot\frac{\pi}{180} \cdot 7200 \text{ cm} \approx 1.57$ cm.
Final Answer: The final answer is $1.57$. I hope it is correct.""",
        True,
        "1.57 rounded to the gold's one decimal is 1.6 (issue 15, class 10: precision of the gold)",
        "minerva_math",
    ),
    Case(
        "minerva_math:150",
        r"4.03188",
        r"""The mass of two protons and two neutrons is $6.6952 \times 10^{-24}$ g, and dividing by $1.660565 \times 10^{-24}$ g/amu gives $4.0319$ amu.
Final Answer: The final answer is $4.0319$. I hope it is correct.""",
        True,
        "rounded within tolerance",
        "minerva_math",
    ),
    Case(
        "minerva_math:147",
        r"671.02",
        r"""$\lambda = 6.7102 \times 10^{-5} \text{ cm} = 6.7102 \times 10^{-7}$ m, which is $671.02$ nm.
Final Answer: The final answer is $671.02 \text{ nm}$. I hope it is correct.""",
        True,
        "unit dropped",
        "minerva_math",
    ),
    Case(
        "minerva_math:147",
        r"671.02",
        r"""$\lambda = 6.7102 \times 10^{-5}$ cm $= 67.102$ nm.
Final Answer: The final answer is $67.102$. I hope it is correct.""",
        False,
        "off by a factor of ten",
        "minerva_math",
    ),
    # ------------------------------------------------------------------ olympiadbench
    Case(
        "olympiadbench:5",
        r"$(1,8,19), (2,7,13), (4,5,7)$",
        r"""Writing $x + y = p k$ and using $x^3 + y^3 = (x+y)(x^2 - xy + y^2)$, we reduce to a few small cases.
Checking them, the solutions $(x, y, p)$ are $\boxed{(4,5,7), (1,8,19), (2,7,13)}$.""",
        True,
        "unordered list of tuples",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:5",
        r"$(1,8,19), (2,7,13), (4,5,7)$",
        r"""Case analysis on $x + y$ gives the solutions $\boxed{(1,8,19), (2,7,13)}$.""",
        False,
        "one solution missing",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:13",
        r"$69$,$84$",
        r"""Counting monochromatic triples with sum divisible by $n$ gives $r^2 - rb + b^2 = 2007$ with $r + b = n$.
The only solutions give $n = 69$ or $n = 84$, so the answers are $\boxed{69}$ and $\boxed{84}$.""",
        True,
        "two boxes in one final statement",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:13",
        r"$69$,$84$",
        r"""Solving $r^2 - rb + b^2 = 2007$ with $3 \mid n$, we find $\boxed{84, 69}$.""",
        True,
        "unordered, no dollar signs",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:13",
        r"$69$,$84$",
        r"""The equation $r^2 - rb + b^2 = 2007$ forces $r + b = 69$, so $n = \boxed{69}$.""",
        False,
        "second answer missing",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:14",
        r"$k=1$",
        r"""The sum of the two smallest triangle areas never exceeds the area of $A_1B_1C_1D_1$, with equality approached in a degenerate case.
Therefore the smallest $k$ is $\boxed{1}$.""",
        True,
        "label k= dropped",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:14",
        r"$k=1$",
        r"""Since $S \le 2 S_1$ in the worst case, the answer is $\boxed{k = 2}$.""",
        False,
        "wrong constant",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:21",
        r"1,3,5",
        r"""If $a$ is even, we get a contradiction mod 4; for odd $a \ge 7$ a parity argument fails. Constructions exist for $a = 1, 3, 5$.
So $a \in \boxed{\{1, 3, 5\}}$.""",
        True,
        "set notation vs bare list",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:21",
        r"1,3,5",
        r"""Only small odd $a$ work; checking, the answers are $\boxed{1, 3}$.""",
        False,
        "5 missing",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:21",
        r"1,3,5",
        r"""All odd $a \le 7$ admit a construction, so $a = \boxed{1, 3, 5, 7}$.""",
        False,
        "extra value 7",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:27",
        r"$(6,3),(9,3),(9,5),(54,5)$",
        r"""For $n \le 5$ we check directly; for larger $n$ the discriminant argument gives no solutions.
The pairs are $\boxed{(9,3), (6,3), (54,5), (9,5)}$.""",
        True,
        "pairs reordered",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:27",
        r"$(6,3),(9,3),(9,5),(54,5)$",
        r"""The solutions $(n, m)$ are $\boxed{(3,6), (3,9), (5,9), (5,54)}$.""",
        False,
        "coordinates swapped in every pair",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:32",
        r"$(0,2),(0,-2),(4,23),(4,-23)$",
        r"""For $x = 0$ we get $y^2 = 4$, and for $x = 4$ we get $y^2 = 529$; no other $x$ works.
So the pairs are $\boxed{(4,23), (4,-23), (0,2), (0,-2)}$.""",
        True,
        "pairs reordered",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:32",
        r"$(0,2),(0,-2),(4,23),(4,-23)$",
        r"""Checking $x = 0$ and $x = 4$ gives the solutions $\boxed{(0, \pm 2), (4, \pm 23)}$.""",
        True,
        "pm shorthand for the four pairs",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:32",
        r"$(0,2),(0,-2),(4,23),(4,-23)$",
        r"""Since $y > 0$ is natural here, the solutions are $\boxed{(0,2), (4,23)}$.""",
        False,
        "negative y solutions missing",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:35",
        r"$\frac{100!}{2^{50}}$",
        r"""Pair up the values $\{1,2\}, \{3,4\}, \dots, \{99,100\}$; rows differing only by swaps within pairs are not allowed together.
This gives the maximum $N = \boxed{\dfrac{100!}{2^{50}}}$.""",
        True,
        "dfrac, no dollars",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:35",
        r"$\frac{100!}{2^{50}}$",
        r"""Each row can be identified with its class under adjacent-value swaps, giving $\boxed{\frac{100!}{2^{100}}}$.""",
        False,
        "wrong power of 2",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:38",
        r"$-2,0,2$",
        r"""Taking the napkin numbers to be general shows $q$ must satisfy $q \in \{-2, 0, 2\}$, and each works.
So the answer is $\boxed{q \in \{-2, 0, 2\}}$.""",
        True,
        "set with label",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:38",
        r"$-2,0,2$",
        r"""The condition forces $q^2 = 4$, so $q = \boxed{-2, 2}$.""",
        False,
        "q = 0 missing",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:76",
        r"$(-\infty, 0) \cup\{1\}$.",
        r"""Analysing the symmetric condition shows $P(x) = x^2 + c$ with $c < 0$, or the special case $P(x) = x^2 + 1$.
Hence $P(0) \in \boxed{(-\infty,0)\cup\{1\}}$.""",
        True,
        "trailing period and dollars in gold",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:76",
        r"$(-\infty, 0) \cup\{1\}$.",
        r"""We need $P(x) = x^2 + c$ with $c \le 0$, or $c = 1$, so $P(0) \in \boxed{(-\infty, 0] \cup \{1\}}$.""",
        False,
        "0 wrongly included",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:93",
        r"$\frac{8}{\sqrt[3]{7}}$",
        r"""By Hölder's inequality the maximum is attained at $(a,b,c,d) = (1, 49, 1, 49)$, which gives $S = 2\sqrt[3]{\frac{1}{56}} + 2\sqrt[3]{\frac{49}{8}}$.
Simplifying, $S_{\max} = \boxed{\frac{8\sqrt[3]{49}}{7}}$.""",
        True,
        "rationalized cube root",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:93",
        r"$\frac{8}{\sqrt[3]{7}}$",
        r"""The maximum occurs at $(1, 49, 1, 49)$ and equals $\boxed{\frac{8}{\sqrt{7}}}$.""",
        False,
        "square root instead of cube root",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:104",
        r"$90^{\circ}$,$60^{\circ}$",
        r"""Let $\angle BAC = 2\alpha$. Computing $\angle BEK$ in terms of $\alpha$ and setting it to $45^\circ$ gives two cases.
Thus $\angle BAC = \boxed{60^\circ, 90^\circ}$.""",
        True,
        "unordered degrees",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:104",
        r"$90^{\circ}$,$60^{\circ}$",
        r"""When $K$ lies on $BE$'s perpendicular, $\angle BEK = 45^\circ$ forces a right angle, so $\angle BAC = \boxed{90^\circ}$.""",
        False,
        "one value missing",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:115",
        r"$2021 \cdot 505 \cdot 337$",
        r"""Counting non-fat triangles from each point gives at least $2021\binom{1010}{2}$ of them, so the number of fat triangles is at most $\binom{2021}{3} - 2021\binom{1010}{2}$.
This equals $\boxed{343943885}$.""",
        True,
        "evaluated product",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:115",
        r"$2021 \cdot 505 \cdot 337$",
        r"""The maximum number of fat triangles is $\binom{2021}{3} - 2021\binom{1011}{2} = \boxed{2021 \cdot 505 \cdot 336}$.""",
        False,
        "off-by-one in the count",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:132",
        r"(-\infty,-5)",
        r"""For $x \ge 0$ the curves meet when $x^2 - 2x - 4 - k = 0$ has a nonnegative root, which needs $k \ge -5$.
So they do not intersect exactly when $\boxed{k < -5}$.""",
        True,
        "inequality instead of interval",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:132",
        r"(-\infty,-5)",
        r"""The discriminant $4 + 4(4 + k) \le 0$ gives $k \le -5$, so $k \in \boxed{(-\infty, -5]}$.""",
        False,
        "endpoint -5 wrongly included",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:139",
        r"62.5%",
        r"""$P(\text{80 reaches 85}) = \frac{P(\text{75 reaches 85})}{P(\text{75 reaches 80})}$, and $P(\text{75 reaches 80}) = \frac{0.2}{0.25} = 0.8$.
So the probability is $\frac{0.5}{0.8} = \boxed{62.5\%}$.""",
        True,
        "escaped percent sign",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:139",
        r"62.5%",
        r"""$P(75 \to 80) = 0.2/0.25 = 0.8$, hence $P(80 \to 85) = 0.5/0.8 = \boxed{0.625}$.""",
        True,
        "decimal vs percent gold",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:139",
        r"62.5%",
        r"""The probability is $\frac{0.5}{0.8} = \boxed{\frac{5}{8}}$.""",
        True,
        "fraction vs percent gold",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:139",
        r"62.5%",
        r"""An 80 year old has a $25\%$ chance of 10 more years, and a 75 year old has $20\%$ for 15, so the answer is $\frac{0.2}{0.5} = \boxed{40\%}$.""",
        False,
        "wrong conditional",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:146",
        r"(6,5)",
        r"""$1 + 2 + \dots + 10 = 55$, so there are $10$ moves. Summing the displacements in each direction, $x = 2 - 4 + 6 - 8 + 10 = 6$ and $y = 1 - 3 + 5 - 7 + 9 = 5$.
The goat ends at $\boxed{(6, 5)}$.""",
        True,
        "spacing only",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:146",
        r"(6,5)",
        r"""After $10$ moves, the vertical total is $6$ and the horizontal total is $5$, so the final position is $\boxed{(5,6)}$.""",
        False,
        "coordinates swapped",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:150",
        r"$8 \%$",
        r"""Before: $2(1.50) + 2.00 = 5.00$. After: $2(1.65) + 2.10 = 5.40$.
The increase is $\frac{0.40}{5.00} = \boxed{8\%}$.""",
        True,
        "spacing in percent",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:150",
        r"$8 \%$",
        r"""The total goes from $\$5.00$ to $\$5.40$, a relative increase of $\boxed{0.08}$.""",
        True,
        "decimal vs percent gold",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:150",
        r"$8 \%$",
        r"""The small cookies go up $10\%$ and the large one $5\%$, so the total goes up $10\% + 5\% = \boxed{15\%}$.""",
        False,
        "added percentages",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:157",
        r"$a=2$, $a=-6-4 \sqrt{2}$",
        r"""Dividing the two sums gives $1 + r^4 = 5$, so $r^2 = 2$ and $r = \pm\sqrt{2}$.
Then $a(1 + r)(1 + r^2) = 6 + 6\sqrt{2}$ gives $a = 2$ for $r = \sqrt2$ and $a = -6 - 4\sqrt{2}$ for $r = -\sqrt2$.
So $\boxed{2, -6 - 4\sqrt{2}}$.""",
        True,
        "labels dropped",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:157",
        r"$a=2$, $a=-6-4 \sqrt{2}$",
        r"""From $r^4 = 4$ we take $r = \sqrt{2}$, and then $a \cdot 3(1 + \sqrt2) = 6 + 6\sqrt2$, so $a = \boxed{2}$.""",
        False,
        "negative ratio case missing",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:161",
        r"$(-\sqrt{11},-2)\cup (\sqrt{11},9)$",
        r"""For $x > -1$ we need $x^2 > 11$ and $x^2 - 7x - 18 < 0$, giving $\sqrt{11} < x < 9$; for $x < -1$ we get $-\sqrt{11} < x < -2$.
So the solution set is $\boxed{(\sqrt{11}, 9) \cup (-\sqrt{11}, -2)}$.""",
        True,
        "union order swapped",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:161",
        r"$(-\sqrt{11},-2)\cup (\sqrt{11},9)$",
        r"""On $x < -1$ the inequalities give $-\sqrt{11} < x < -1$, and on $x > -1$ they give $\sqrt{11} < x < 9$.
So $x \in \boxed{(-\sqrt{11}, -1) \cup (\sqrt{11}, 9)}$.""",
        False,
        "wrong endpoint -1",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:183",
        r"$\frac{41}{12}$",
        r"""Let $BP = d$. Then $AP = d + \frac16$ and $CP = d + \frac12$, and the two cosine-law equations give $d = \frac{41}{12}$.
The distance is $\boxed{\frac{41}{12} \text{ km}}$.""",
        True,
        "unit km kept",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:183",
        r"$\frac{41}{12}$",
        r"""Solving the system we find $BP = 41/12 \approx 3.4167$ km, so the answer is $\boxed{3.4167}$.""",
        False,
        "3.4167 is not the exact 41/12 (issue 15, class 10)",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:183",
        r"$\frac{41}{12}$",
        r"""Solving the system, $BP \approx \boxed{3.42}$ km.""",
        False,
        "rounded beyond 1e-4",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:209",
        r"$4^{\circ}$",
        r"""Using $\frac{1}{\sin 2\theta} = \cot\theta - \cot 2\theta$, the sum telescopes to $\cot 4^\circ - \cot 8192^\circ + \frac{1}{\sin 8^\circ}$ ... which simplifies to $\frac{1}{\sin 4^\circ}$.
So $\alpha = \boxed{4}$.""",
        True,
        "degree sign dropped",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:209",
        r"$4^{\circ}$",
        r"""The sum telescopes and the first term survives, so $\alpha = \boxed{8^\circ}$.""",
        False,
        "wrong angle",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:221",
        r"$[\frac{1}{2}, 8]$",
        r"""With $t = \log_2 x$, the equation becomes $|t + 1| + |t - 3| = 4$, which holds for $-1 \le t \le 3$.
So $x \in \boxed{\left[\frac12, 8\right]}$.""",
        True,
        "label and \\left/\\right",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:221",
        r"$[\frac{1}{2}, 8]$",
        r"""With $t = \log_2 x$ we need $|t+1| + |t-3| = 4$, i.e. $-1 < t < 3$, so $\boxed{\left(\frac{1}{2}, 8\right)}$.""",
        False,
        "open instead of closed",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:229",
        r"$\frac{-1+\sqrt{5}}{2}$",
        r"""$\cos\theta = \tan\theta$ gives $\cos^2\theta = \sin\theta$, so $\sin^2\theta + \sin\theta - 1 = 0$.
Since $|\sin\theta| \le 1$, only $\sin\theta = \boxed{\frac{\sqrt{5}-1}{2}}$ is valid.""",
        True,
        "terms reordered",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:229",
        r"$\frac{-1+\sqrt{5}}{2}$",
        r"""We get $\sin^2\theta + \sin\theta - 1 = 0$, so $\sin\theta = \boxed{\frac{-1 \pm \sqrt{5}}{2}}$.""",
        False,
        "extraneous root kept",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:249",
        r"$\frac{\log 2}{\log 2-\log 3}$",
        r"""Rewrite as $2^{x-1} + 3^{x+1} = \frac{4^x}{3^x}$, which simplifies to $3^x \cdot \frac{9}{2} \dots$ giving $\left(\frac{2}{3}\right)^x = 2$.
Taking logs, $x = \boxed{\frac{\ln 2}{\ln 2 - \ln 3}}$.""",
        True,
        "ln instead of log",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:249",
        r"$\frac{\log 2}{\log 2-\log 3}$",
        r"""We obtain $(2/3)^x = 2$, so $x = \log_{2/3} 2 \approx \boxed{-1.7095}$.""",
        False,
        "a rounded decimal is not the exact log ratio (issue 15, class 10)",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:249",
        r"$\frac{\log 2}{\log 2-\log 3}$",
        r"""We obtain $(2/3)^x = 3$, so $x = \boxed{\frac{\log 3}{\log 2 - \log 3}}$.""",
        False,
        "wrong numerator",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:254",
        r"$(-\frac{1}{2}, \frac{7}{2})$",
        r"""The parabolas meet where $2x^2 + 2x - 12 = 0$, i.e. at $(2, 1)$ and $(-3, 6)$.
The circle $x^2 + y^2 + Dx + Ey = 0$ through them has $D = 1$, $E = -7$, so the centre is $\boxed{\left(-\frac{1}{2}, \frac{7}{2}\right)}$.""",
        True,
        "same point with \\left/\\right",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:254",
        r"$(-\frac{1}{2}, \frac{7}{2})$",
        r"""We get $D = 1$ and $E = -7$, so the centre is $\boxed{\left(\frac{7}{2}, -\frac{1}{2}\right)}$.""",
        False,
        "coordinates swapped (single point despite multi-answer flag)",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:306",
        r"$2,-\log _{10} 250$",
        r"""Taking $\log_{10}$: $(x+2)\log 2 + (6-x)\log 5 = x^2$, a quadratic with root $x = 2$.
By Vieta the other root is $-3 + 2\log_{10} 2$. So the solutions are $\boxed{2, -3 + 2\log_{10} 2}$.""",
        True,
        "equivalent log form",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:306",
        r"$2,-\log _{10} 250$",
        r"""The quadratic $x^2 - (1 - 2\log 2)x - (6 - 4\log 2) \dots$ has roots $x = 2$ and $x = \boxed{2, \log_{10} 250}$.""",
        False,
        "sign of second root",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:11",
        r"$f(x)=2 x$",
        r"""Setting up the substitution $g(x) = f(x) - x$ shows $g$ is additive and positive, hence linear, and checking gives $f(x) = 2x$.
The answer is $\boxed{f(x) = 2x}$.""",
        True,
        "spacing only",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:11",
        r"$f(x)=2 x$",
        r"""Trying $f(x) = x$: $x + y = x + y + y$ fails... trying linear $f(x) = cx$ gives $c = 1$, so $\boxed{f(x) = x}$.""",
        False,
        "wrong function",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:40",
        r"$\frac{n(n+1)(2 n+1)}{6}$",
        r"""The optimal construction uses colours indexed so that the count becomes $1^2 + 2^2 + \dots + n^2$.
So the maximum is $\boxed{\frac{2n^3 + 3n^2 + n}{6}}$.""",
        True,
        "expanded polynomial",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:40",
        r"$\frac{n(n+1)(2 n+1)}{6}$",
        r"""The count is $1 + 2 + \dots + n$, so the maximum number of colours is $\boxed{\frac{n(n+1)}{2}}$.""",
        False,
        "sum of integers, not squares",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:166",
        r"$(3,0),(-3,1)$",
        r"""$f(g(x)) = a^2x^2 + (2ab - a)x + b^2 - b + 2$. Matching gives $a^2 = 9$, $b^2 = b$, and $a(2b - 1) = -3$.
So $(a, b) = \boxed{(-3, 1), (3, 0)}$.""",
        True,
        "pairs reordered",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:166",
        r"$(3,0),(-3,1)$",
        r"""Since $a^2 = 9$ and we take $a > 0$, $a = 3$ and then $b = 0$, so $\boxed{(3, 0)}$.""",
        False,
        "one pair missing",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:188",
        r"17.5%",
        r"""The bottles start with $140$ g containing $29$ g of acid; removing $60$ g containing $15$ g of acid leaves $80$ g with $14$ g of acid, a fraction of $\frac{14}{80} = \frac{7}{40}$.
The answer is $\boxed{\frac{7}{40}}$.""",
        True,
        "fraction vs percent gold",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:188",
        r"17.5%",
        r"""The new mixture is $80$ g with $14$ g of acid, so it is $\boxed{17.5}$ percent acid.""",
        True,
        "percent word, number only",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:188",
        r"17.5%",
        r"""Total acid is $4 + 10 + 15 = 29$ g in $140$ g, minus the $15$ g used... so the new mixture is $\boxed{25\%}$ acid.""",
        False,
        "wrong percentage",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:226",
        r"-5,7",
        r"""With common difference $d$, $25 + (5+d)^2 + (5+2d)^2 = (5+3d)^2 + (5+4d)^2$ gives $4d^2 + 8d - 5 = 0$, so $d = \frac12$ or $d = -\frac52$.
The fifth term $5 + 4d$ is $\boxed{7, -5}$.""",
        True,
        "unordered list",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:226",
        r"-5,7",
        r"""Solving $4d^2 + 8d - 5 = 0$ gives $d = \frac{1}{2}$, so the fifth term is $\boxed{7}$.""",
        False,
        "one value missing",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:237",
        r"$5,-2$",
        r"""Solving the system gives $g(x) = x + 4$ and $f(x) = x^2 - 2x - 6$. Setting them equal, $x^2 - 3x - 10 = 0$.
So $x = \boxed{-2, 5}$.""",
        True,
        "reordered",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:237",
        r"$5,-2$",
        r"""We get $x^2 + 3x - 10 = 0$, so $(x + 5)(x - 2) = 0$ and $x = \boxed{2, -5}$.""",
        False,
        "sign error",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:288",
        r"$64,\frac{1}{4}$",
        r"""Let $t = \log_2 x$. The terms are $t$, $1 + \frac{t}{2}$, $\frac{2 + t}{3}$, and the geometric condition gives $(t - 6)(t + 2) = 0$... so $t = 6$ or $t = -2$.
Hence $x = \boxed{\frac14, 64}$.""",
        True,
        "reordered",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:288",
        r"$64,\frac{1}{4}$",
        r"""The condition gives $t = 6$ (rejecting the negative root), so $x = \boxed{64}$.""",
        False,
        "valid root rejected",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:349",
        r"$(-266,-3,-28)$",
        r"""Eliminating $x$, we get $y(y^2 z + 14) - z^2 = 14$, and checking factor pairs gives the lattice points; the farthest is with $y = -3$, $z = -28$, $x = -266$.
So the answer is $\boxed{(-266, -3, -28)}$.""",
        True,
        "spacing only",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:349",
        r"$(-266,-3,-28)$",
        r"""The farthest point has $y = -3$ and $z = -28$, with $x = y^2 z + 14 = \boxed{(266, -3, -28)}$.""",
        False,
        "sign of x",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:518",
        r"$\quad(2+\sqrt{2}, 1+\sqrt{2})$",
        r"""Place the octagon with unit sides; then $\overrightarrow{A_1A_4} = (2 + \sqrt2)\mathbf{u} + (1 + \sqrt2)\mathbf{v}$ after solving the linear system.
So $(a, b) = \boxed{(2+\sqrt{2}, 1+\sqrt{2})}$.""",
        True,
        "gold has \\quad",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:518",
        r"$\quad(2+\sqrt{2}, 1+\sqrt{2})$",
        r"""Solving the system, $(a, b) = \boxed{(1 + \sqrt{2}, 2 + \sqrt{2})}$.""",
        False,
        "components swapped",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:96",
        r"$t(0,4]$",
        r"""A triangle inscribed in a unit circle has perimeter at most $3\sqrt3$, and by packing thin triangles we can keep each perimeter above any $t \le 4$.
So the answer is $\boxed{t \in (0, 4]}$.""",
        True,
        "malformed gold t(0,4] read as interval",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:96",
        r"$t(0,4]$",
        r"""Thin triangles have perimeter approaching $4$ but never reaching it, so $t \in \boxed{(0,4)}$.""",
        False,
        "right end should be closed",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:193",
        r"$10^{100}$,$10^{1 / 100}$",
        r"""Let $u = \log_{10} x$. Taking $\log_{10}$ of both sides gives $(\log_{10} u)^2 = 4$, so $u = 100$ or $u = \frac{1}{100}$.
Therefore $x = \boxed{10^{1/100}, 10^{100}}$.""",
        True,
        "reordered",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:193",
        r"$10^{100}$,$10^{1 / 100}$",
        r"""We get $\log_{10} x \in \{100, 0.01\}$, so $x = \boxed{10^{100}, \sqrt[100]{10}}$.""",
        True,
        "root notation",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:253",
        r"$1.68,0.45$",
        r"""Dividing, $\frac{3.75}{2.75} = 2^b$, so $b = \log_2(1.3636) \approx 0.45$, and $a = 2.75 / 3^{0.4475} \approx 1.68$.
So $\boxed{a \approx 1.68, b \approx 0.45}$.""",
        True,
        "labelled values",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:253",
        r"$1.68,0.45$",
        r"""$2^b = 1.3636$ gives $b \approx 0.46$, and then $a \approx 1.68$. So $\boxed{1.68, 0.46}$.""",
        False,
        "b rounded wrongly",
        "olympiadbench",
    ),
    Case(
        "olympiadbench:84",
        r"2271380",
        r"""Counting by the position of the repeated block and subtracting overlaps gives the total.
The answer is $\boxed{2,271,380}$.""",
        True,
        "thousands separators",
        "olympiadbench",
    ),
    # ------------------------------------------------------------------ gsm8k
    Case(
        "gsm8k:0",
        r"18",
        r"""Janet has 16 - 3 - 4 = 9 eggs left each day.
She sells them for $2 each, so she makes 9 * 2 = $18.
#### 18""",
        True,
        "GSM8K #### style",
        "gsm8k",
    ),
    Case(
        "gsm8k:0",
        r"18",
        r"""Janet uses 3 + 4 = 7 eggs, leaving 16 - 7 = 9 eggs to sell at $2 each.
The final answer is $\boxed{\$18}$.""",
        True,
        "dollar sign in box",
        "gsm8k",
    ),
    Case(
        "gsm8k:0",
        r"18",
        r"""Janet's ducks lay 16 eggs and she uses 3 + 4 = 7 of them.
So she sells 16 - 7 = 9 eggs at the market. The answer is 9.""",
        False,
        "answered intermediate quantity",
        "gsm8k",
    ),
    Case(
        "gsm8k:2",
        r"70000",
        r"""The house's value increased by 80,000 * 1.5 = 120,000, so it is worth 200,000.
He spent 80,000 + 50,000 = 130,000, so his profit is 200,000 - 130,000 = 70,000.
The answer is $70,000.""",
        True,
        "dollar sign and separator",
        "gsm8k",
    ),
    Case(
        "gsm8k:2",
        r"70000",
        r"""The value increased by 150% of $80,000, which is $120,000.
So his profit is $\boxed{120,000}$.""",
        False,
        "ignored costs",
        "gsm8k",
    ),
    Case(
        "gsm8k:14",
        r"60",
        r"""20% of 20 is 4 students in contemporary, leaving 16. 25% of 16 is 4 in jazz, so 12 are in hip-hop.
12 out of 20 is 60%. The answer is $\boxed{60\%}$.""",
        True,
        "percent sign vs plain gold",
        "gsm8k",
    ),
    Case(
        "gsm8k:14",
        r"60",
        r"""Hip-hop has 12 of the 20 students, so the fraction is 12/20.
#### 0.6""",
        False,
        "0.6 vs 60 with no % anywhere",
        "gsm8k",
    ),
    Case(
        "gsm8k:14",
        r"60",
        r"""After contemporary, 16 students remain, and 75% of them take hip-hop.
So the percentage is $\boxed{75}$.""",
        False,
        "percentage of the remainder",
        "gsm8k",
    ),
    Case(
        "gsm8k:146",
        r"2125",
        r"""The second set has 500 * 3 = 1500 pieces and the third has 500 / 4 = 125 pieces.
In total, 500 + 1500 + 125 = 2,125 pieces.
#### 2,125""",
        True,
        "thousands separator",
        "gsm8k",
    ),
    Case(
        "gsm8k:146",
        r"2125",
        r"""The first set has 500 pieces and the second 1500 pieces.
Together that is 500 + 1500 = $\boxed{2000}$ pieces.""",
        False,
        "third set forgotten",
        "gsm8k",
    ),
    Case(
        "gsm8k:201",
        r"114200",
        r"""His yearly salary is 2000 * 52 = 104,000, and the raise adds 0.05 * 104,000 = 5,200.
With the $5000 bonus, he made 104,000 + 5,200 + 5,000 = 114,200.
The answer is $\boxed{\$114,200}$.""",
        True,
        "dollar sign and separator",
        "gsm8k",
    ),
    Case(
        "gsm8k:201",
        r"114200",
        r"""He makes 2000 * 52 = 104,000 per year, and the 5% raise adds 5,200.
So he made $\boxed{109200}$ dollars.""",
        False,
        "bonus forgotten",
        "gsm8k",
    ),
    Case(
        "gsm8k:489",
        r"-10",
        r"""The sum is -48 + 21 + (-3) = -30.
Divided by 3, the average is -10 degrees Fahrenheit.
#### -10""",
        True,
        "negative integer",
        "gsm8k",
    ),
    Case(
        "gsm8k:489",
        r"-10",
        r"""The total is 48 - 21 + 3 = 30 degrees, so the average is 30 / 3 = 10 degrees.
The answer is $\boxed{10}$.""",
        False,
        "sign lost",
        "gsm8k",
    ),
    Case(
        "gsm8k:1113",
        r"-3",
        r"""The temperature dropped from 2 to 2 - 8 = -6 degrees, then rose by 3 to -6 + 3 = -3 degrees.
The final answer is $\boxed{-3^\circ\text{C}}$.""",
        True,
        "degree unit",
        "gsm8k",
    ),
    Case(
        "gsm8k:1113",
        r"-3",
        r"""Start at 2 degrees, drop 8 to get -6, then drop another 3 to get -9.
#### -9""",
        False,
        "added instead of subtracted",
        "gsm8k",
    ),
    Case(
        "gsm8k:611",
        r"1450000",
        r"""The research took 5 * 10 = 50 months. The first 5 months cost $100,000, i.e. $20,000 per month.
The other 45 months cost 20,000 * 1.5 = $30,000 each, for 45 * 30,000 = $1,350,000.
Total: 1,350,000 + 100,000 = $1,450,000.
#### 1,450,000""",
        True,
        "multi-group separator",
        "gsm8k",
    ),
    Case(
        "gsm8k:611",
        r"1450000",
        r"""Later months cost $30,000 each for 45 months, which is $1,350,000, plus the initial $100,000.
The total cost is $\boxed{1.45 \times 10^6}$ dollars.""",
        True,
        "scientific notation",
        "gsm8k",
    ),
    Case(
        "gsm8k:611",
        r"1450000",
        r"""The expensive phase lasted 45 months at $30,000 per month.
So the research cost 45 * 30,000 = $\boxed{1,350,000}$.""",
        False,
        "initial funding forgotten",
        "gsm8k",
    ),
    Case(
        "gsm8k:24",
        r"26",
        r"""If the original price is x, then 0.75x = 19.50, so x = 19.50 / 0.75 = 26.
The original price was $\boxed{\$26.00}$.""",
        True,
        "dollar sign and cents",
        "gsm8k",
    ),
    Case(
        "gsm8k:24",
        r"26",
        r"""The discount was 25%, so the original price is 19.50 * 1.25 = 24.375.
#### 24.375""",
        False,
        "added 25% instead of dividing",
        "gsm8k",
    ),
    Case(
        "gsm8k:12",
        r"13",
        r"""Each year he earns 7 * 1.5 - 3 = $7.50 net. It takes 90 / 7.5 = 12 years to pay off the tree.
So he starts earning money in year 13. The answer is 13 years.""",
        True,
        "'The answer is' with unit",
        "gsm8k",
    ),
    Case(
        "gsm8k:12",
        r"13",
        r"""He nets 10.5 - 3 = $7.50 per year, and 90 / 7.5 = 12.
#### 12""",
        False,
        "off by one",
        "gsm8k",
    ),
    Case(
        "gsm8k:32",
        r"35",
        r"""10 dogs at 0.5 hours each is 5 hours per day.
Over a week that is 5 * 7 = $\boxed{35}$ hours.""",
        True,
        "boxed",
        "gsm8k",
    ),
    Case(
        "gsm8k:32",
        r"35",
        r"""Each dog takes 0.5 hours, so 10 dogs take 10 * 0.5 = 5 hours.
#### 5""",
        False,
        "per day, not per week",
        "gsm8k",
    ),
    Case(
        "gsm8k:230",
        r"276000",
        r"""The cars cost 12 * 20,000 = $240,000, tax adds 10% for $24,000, and registration is 12 * 1000 = $12,000.
Total: 240,000 + 24,000 + 12,000 = $276,000.
The answer is 276,000.""",
        True,
        "separator",
        "gsm8k",
    ),
    Case(
        "gsm8k:230",
        r"276000",
        r"""12 cars at $20,000 is $240,000, and with 10% tax that is $264,000.
The answer is $\boxed{264000}$.""",
        False,
        "registration forgotten",
        "gsm8k",
    ),
    Case(
        "gsm8k:629",
        r"17500",
        r"""Sales were 10 * 25,000 = 250,000 and the cars cost 30% of that, 75,000, so the profit was 175,000.
His 10% commission is $17,500.
#### 17,500""",
        True,
        "separator after ####",
        "gsm8k",
    ),
    Case(
        "gsm8k:629",
        r"17500",
        r"""He sold 10 cars for $25,000 each, $250,000 in total, and earns 10% commission.
So he made $\boxed{25000}$.""",
        False,
        "commission on sales, not profit",
        "gsm8k",
    ),
    Case(
        "gsm8k:5",
        r"64",
        r"""8 glasses cost the full $5 and 8 glasses cost 60% of $5 = $3.
So he pays 8 * 5 + 8 * 3 = 40 + 24 = 64 dollars.
The final answer is: $\boxed{64}$""",
        True,
        "Llama-style final line",
        "gsm8k",
    ),
    Case(
        "gsm8k:5",
        r"64",
        r"""Every second glass is 60% off, so it costs 5 * 0.4 = $2.
He pays 8 * 5 + 8 * 2 = $56.
#### 56""",
        False,
        "read 60% as the discount",
        "gsm8k",
    ),
    # ------------------------------------------------------------------ amc23
    Case(
        "amc23:0",
        r"27.0",
        r"""They close the gap at 18 + 12 = 30 mph, so they meet after 45/30 = 1.5 hours.
Alicia has biked 18 * 1.5 = 27 miles from A. The answer is $\boxed{27}$.""",
        True,
        "integer vs float gold",
        "amc23",
    ),
    Case(
        "amc23:0",
        r"27.0",
        r"""Time to meet is 1.5 hours, and Alicia covers $18 \times 1.5$ miles.
So they meet $\boxed{27 \text{ miles}}$ from City $A$.""",
        True,
        "unit dropped",
        "amc23",
    ),
    Case(
        "amc23:0",
        r"27.0",
        r"""They meet after 1.5 hours; Beth has biked $12 \times 1.5 = 18$ miles.
The answer is $\boxed{18}$.""",
        False,
        "distance from B, not A",
        "amc23",
    ),
    Case(
        "amc23:1",
        r"36.0",
        r"""From $(y - x)^2 = 4y^2$ with $x > y$, $x = 3y$. Then $y^3 = 9y^2$, so $y = 9$ and $x = 27$.
Thus $x + y = \boxed{36}$.""",
        True,
        "integer vs float gold",
        "amc23",
    ),
    Case(
        "amc23:1",
        r"36.0",
        r"""We get $x = 3y$ and $y^3 = 9y^2$, so $y = 9$ and $x = \boxed{27}$.""",
        False,
        "answered x, not x + y",
        "amc23",
    ),
    Case(
        "amc23:2",
        r"45.0",
        r"""$\tan\theta = \left|\frac{2 - \frac13}{1 + \frac23}\right| = \frac{5/3}{5/3} = 1$.
So the acute angle is $\boxed{45^\circ}$.""",
        True,
        "degree sign",
        "amc23",
    ),
    Case(
        "amc23:2",
        r"45.0",
        r"""Using $\tan\theta = \frac{m_1 - m_2}{1 + m_1 m_2}$, $\tan\theta = 1$, so $\theta = 45^\circ$ or $135^\circ$.
The answer is $\boxed{135}$.""",
        False,
        "obtuse angle chosen",
        "amc23",
    ),
    Case(
        "amc23:3",
        r"3159.0",
        r"""Each pair is $(2k)^3 - (2k-1)^3 = 12k^2 - 6k + 1$, summed for $k = 1$ to $9$.
That gives $12 \cdot 285 - 6 \cdot 45 + 9 = 3420 - 270 + 9 = \boxed{3,159}$.""",
        True,
        "thousands separator",
        "amc23",
    ),
    Case(
        "amc23:3",
        r"3159.0",
        r"""Summing $12k^2 - 6k + 1$ for $k = 1..9$ gives $3420 - 270 + 10 = \boxed{3160}$.""",
        False,
        "off by one",
        "amc23",
    ),
    Case(
        "amc23:15",
        r"-1.0",
        r"""The numerator is the imaginary part of $(1 + i\tan x)^{2023}$, so $a_{2023} = (-1)^{1011} = -1$.
The answer is $\boxed{-1}$.""",
        True,
        "integer vs float gold",
        "amc23",
    ),
    Case(
        "amc23:15",
        r"-1.0",
        r"""The leading coefficient comes from $i^{2023} \tan^{2023} x$, and $i^{2023} = -i$... so $a_{2023} = \boxed{1}$.""",
        False,
        "sign error",
        "amc23",
    ),
    Case(
        "amc23:18",
        r"265.0",
        r"""Counting sequences whose running total hits 3 gives a probability of $\frac{49}{216}$.
So $m + n = 49 + 216 = \boxed{265}$.""",
        True,
        "integer vs float gold",
        "amc23",
    ),
    Case(
        "amc23:18",
        r"265.0",
        r"""By complementary counting, the probability that the running total equals 3 at some point is $\boxed{\frac{49}{216}}$.""",
        False,
        "gave probability, not m + n",
        "amc23",
    ),
    Case(
        "amc23:33",
        r"194.0",
        r"""The hypotenuses are diameters: radii $\frac52$ and $\frac{13}{2}$, so the area ratio is $\frac{25}{169}$.
Then $m + n = \boxed{194}$.""",
        True,
        "integer vs float gold",
        "amc23",
    ),
    Case(
        "amc23:33",
        r"194.0",
        r"""The radii are $\frac{5}{2}$ and $\frac{13}{2}$, so the ratio of areas is $\boxed{\frac{25}{169}}$.""",
        False,
        "gave ratio, not m + n",
        "amc23",
    ),
    Case(
        "amc23:34",
        r"1625.0",
        r"""The strip is $0.65$ cm wide and $2500$ cm long, so it covers $0.65 \times 2500 = 1625$ square centimeters.
The answer is $\boxed{1625 \text{ cm}^2}$.""",
        True,
        "unit kept",
        "amc23",
    ),
    Case(
        "amc23:34",
        r"1625.0",
        r"""Area $= 6.5 \text{ mm} \times 25000 \text{ mm} = 162500$ mm$^2$.
So he can cover $\boxed{162500}$ square centimeters.""",
        False,
        "mm^2 not converted",
        "amc23",
    ),
    Case(
        "amc23:37",
        r"901.0",
        r"""We need $\frac{\log n (2 - \log n)}{\log n - 3} \ge 0$, which holds for $n = 1$, $100 \le n \le 999$... giving $1 + 900 = 901$ integers.
The answer is $\boxed{901}$.""",
        True,
        "integer vs float gold",
        "amc23",
    ),
    Case(
        "amc23:37",
        r"901.0",
        r"""The expression is real for $100 \le n < 1000$, which is $\boxed{900}$ integers.""",
        False,
        "missed n = 1",
        "amc23",
    ),
    Case(
        "amc23:24",
        r"13.0",
        r"""With bases $a$ and $2a$ and legs $1$, the height is $\sqrt{1 - a^2/4}$ and the area is maximized at $a = \sqrt2$, giving $\frac{3}{2}$.
So $m^2 + n^2 = 9 + 4 = \boxed{13}$.""",
        True,
        "integer vs float gold",
        "amc23",
    ),
    Case(
        "amc23:24",
        r"13.0",
        r"""Maximizing $\frac{3a}{2}\sqrt{1 - \frac{a^2}{4}}$ gives $a = \sqrt{2}$, and the maximum area is $\boxed{\frac{3}{2}}$.""",
        False,
        "gave area, not m^2 + n^2",
        "amc23",
    ),
    Case(
        "amc23:13",
        r"1.0",
        r"""By AM-GM, equality forces $a = \frac12$ and $b = 1$, so there is exactly one ordered pair.
The answer is 1.""",
        True,
        "'The answer is' integer",
        "amc23",
    ),
    Case(
        "amc23:13",
        r"1.0",
        r"""By symmetry, $(a, b) = (\frac12, 1)$ and $(1, \frac12)$ both work, so there are $\boxed{2}$ pairs.""",
        False,
        "wrong count",
        "amc23",
    ),
    Case(
        "amc23:30",
        r"50.0",
        r"""He pays $0.8 \times 1.075 = 0.86$ of the original price, so the original price is at most $43 / 0.86 = 50$.
The answer is $\boxed{\$50}$.""",
        True,
        "dollar sign",
        "amc23",
    ),
    # ------------------------------------------------------------------ aime24
    Case(
        "aime24:7",
        r"025",
        r"""From the equations, $x\log_x y = 10$ and $4y \log_y x = 10$, so multiplying gives $4xy = 100$.
Thus $xy = \boxed{25}$.""",
        True,
        "no leading zero",
        "aime24",
    ),
    Case(
        "aime24:7",
        r"025",
        r"""We have $x \log_x y = 10$, and since both logs equal 10, $xy = \boxed{10}$.""",
        False,
        "wrong value",
        "aime24",
    ),
    Case(
        "aime24:15",
        r"073",
        r"""Let $w, x, y, z$ count residents owning exactly 1, 2, 3, 4 items (candy counts). Then $w + x + y + z = 900$ and $w + 2x + 3y + 4z = 1124 + 900$.
With $x = 437$ and $y = 234$, solving gives $z = 73$. The answer is $\boxed{073}$.""",
        True,
        "same zero-padded form",
        "aime24",
    ),
    Case(
        "aime24:15",
        r"073",
        r"""Solving the system gives the number owning all four things as $\boxed{73}$.""",
        True,
        "no leading zero",
        "aime24",
    ),
    Case(
        "aime24:15",
        r"073",
        r"""Using inclusion-exclusion on the three items... the number owning all four is $\boxed{37}$.""",
        False,
        "wrong value",
        "aime24",
    ),
    Case(
        "aime24:0",
        r"204",
        r"""$\frac{9}{s} - \frac{9}{s+2} = 1.6$ gives $s = 2.5$, and then $t = 24$ minutes.
At $s + \frac12 = 3$ km/h the walk takes $3$ hours $= 180$ minutes, plus $24$: $\boxed{204 \text{ minutes}}$.""",
        True,
        "unit kept",
        "aime24",
    ),
    Case(
        "aime24:0",
        r"204",
        r"""We find $s = 2.5$ and $t = 24$. At $3$ km/h the walk takes 3 hours, so the total is $\boxed{180}$ minutes.""",
        False,
        "coffee-shop time forgotten",
        "aime24",
    ),
    Case(
        "aime24:12",
        r"540",
        r"""Writing $z = 4e^{i\theta}$, the real part is $324\cos\theta - 432\sin\theta$, whose maximum is $\sqrt{324^2 + 432^2} = 540$.
The answer is $\boxed{540}$.""",
        True,
        "exact",
        "aime24",
    ),
    Case(
        "aime24:12",
        r"540",
        r"""The real part is $324\cos\theta - 432\sin\theta$... its maximum is $\frac{1}{2}\sqrt{324^2 + 432^2} = \boxed{270}$.""",
        False,
        "spurious factor 1/2",
        "aime24",
    ),
    Case(
        "aime24:4",
        r"110",
        r"""The least such prime is $p = 17$, since $17 \equiv 1 \pmod 8$. Lifting a solution of $n^4 \equiv -1 \pmod{17}$ to mod $289$ gives the least $m = 110$.
So $m = \boxed{110}$.""",
        True,
        "exact",
        "aime24",
    ),
    Case(
        "aime24:4",
        r"110",
        r"""The least prime with $p^2 \mid n^4 + 1$ is $\boxed{17}$.""",
        False,
        "answered p, not m",
        "aime24",
    ),
    Case(
        "aime24:18",
        r"023",
        r"""The point $C$ is $\left(\frac18, \frac{3\sqrt3}{8}\right)$, so $OC^2 = \frac{1}{64} + \frac{27}{64} = \frac{7}{16}$.
Thus $p + q = 7 + 16 = \boxed{23}$.""",
        True,
        "no leading zero",
        "aime24",
    ),
    # ------------------------------------------------------------------ theoremqa
    Case(
        "theoremqa:12",
        r"False",
        r"""W is closed under addition, but not under scalar multiplication: $-1 \cdot [1, 1] = [-1, -1] \notin W$.
So W is not a subspace. The answer is \boxed{False}.""",
        True,
        "same word",
        "theoremqa",
    ),
    Case(
        "theoremqa:12",
        r"False",
        r"""Multiplying $[1, 0]$ by $-1$ leaves the first quadrant, so W is not closed under scalar multiplication.
So the answer is No.""",
        True,
        "No vs False",
        "theoremqa",
    ),
    Case(
        "theoremqa:12",
        r"False",
        r"""W contains the zero vector and is closed under addition of nonnegative vectors.
Therefore W is a subspace: \boxed{True}.""",
        False,
        "wrong truth value",
        "theoremqa",
    ),
    Case(
        "theoremqa:18",
        r"True",
        r"""Take the preimage $(0, 1, 2, 3, \dots)$; applying $T$ drops the first entry and returns $(1, 2, 3, \dots)$.
So yes, the sequence is in the image of $T$: $\boxed{Yes}$.""",
        True,
        "Yes vs True",
        "theoremqa",
    ),
    Case(
        "theoremqa:18",
        r"True",
        r"""The shift map loses the first coordinate, so it is not invertible and $(1,2,3,\dots)$ cannot be reached.
\boxed{False}""",
        False,
        "wrong truth value",
        "theoremqa",
    ),
    Case(
        "theoremqa:5",
        r"[0, 5]",
        r"""Node 0 is directly connected to node 5 through the edge <0,5>.
So the shortest path is $\boxed{[0,5]}$.""",
        True,
        "no space in list",
        "theoremqa",
    ),
    Case(
        "theoremqa:5",
        r"[0, 5]",
        r"""A breadth-first search from 0 reaches 2, then 4, then 5.
The shortest path is $\boxed{[0, 2, 4, 5]}$.""",
        False,
        "missed the direct edge",
        "theoremqa",
    ),
    Case(
        "theoremqa:7",
        r"-1.047",
        r"""Expanding, $z^2 \sin(1/z) = z - \frac{1}{6z} + \dots$, so the residue at 0 is $-\frac16$.
The integral is $2\pi i \cdot (-\frac{1}{6}) = -\frac{\pi}{3} i$, so $A = \boxed{-\frac{\pi}{3}}$.""",
        True,
        "exact value within 4e-2",
        "theoremqa",
    ),
    Case(
        "theoremqa:7",
        r"-1.047",
        r"""The residue of $z^2 \sin(1/z)$ at $0$ is $\frac{1}{6}$, so the integral is $\frac{\pi}{3} i$ and $A \approx \boxed{1.047}$.""",
        False,
        "sign error in residue",
        "theoremqa",
    ),
    Case(
        "theoremqa:13",
        r"[0.333, 0.25]",
        r"""On K, $y = x$, so $\int_0^1 x^2 dx = \frac13$. On L, $y = x^2$, so $\int_0^1 x^3 dx = \frac14$.
The answer is $\boxed{[\frac{1}{3}, \frac{1}{4}]}$.""",
        True,
        "exact fractions in list",
        "theoremqa",
    ),
    Case(
        "theoremqa:13",
        r"[0.333, 0.25]",
        r"""The integral along L is $\frac14$ and along K is $\frac13$, so the list is $\boxed{[0.25, 0.333]}$.""",
        False,
        "list order reversed",
        "theoremqa",
    ),
    Case(
        "theoremqa:27",
        r"(c)",
        r"""Fisher information is additive for independent observations, so $J_g(\theta) = 2J_f(\theta)$.
The answer is (c).""",
        True,
        "option letter",
        "theoremqa",
    ),
    Case(
        "theoremqa:27",
        r"(c)",
        r"""Since $g$ is a product of two copies of $f$, the score is doubled and the information scales by $4$.
The answer is $\boxed{(d)}$.""",
        False,
        "wrong option",
        "theoremqa",
    ),
    Case(
        "theoremqa:38",
        r"4e-05",
        r"""Using Rutherford scattering with $b = \frac{zZe^2}{8\pi\epsilon_0 K}\cot(45^\circ)$, the fraction is $f = \pi n t b^2 \approx 4 \times 10^{-5}$.
The answer is $\boxed{4 \times 10^{-5}}$.""",
        True,
        "scientific notation",
        "theoremqa",
    ),
    Case(
        "theoremqa:38",
        r"4e-05",
        r"""With $b \approx 1.48 \times 10^{-14}$ m and $n = 5.9 \times 10^{28}$ m$^{-3}$, $f = \pi n t b^2 \approx 3.9 \times 10^{-5}$.
The answer is $\boxed{3.9 \times 10^{-5}}$.""",
        True,
        "2.5% off, within 4e-2",
        "theoremqa",
    ),
    Case(
        "theoremqa:38",
        r"4e-05",
        r"""Using $t = 10^{-4}$ m for the foil, the fraction deflected is $\boxed{4 \times 10^{-3}}$.""",
        False,
        "wrong power of ten",
        "theoremqa",
    ),
    Case(
        "theoremqa:45",
        r"1.0472",
        r"""$\int_0^{\sqrt3} \frac{dx}{1+x^2} = \arctan\sqrt3 - \arctan 0 = \frac{\pi}{3}$.
The answer is $\boxed{\frac{\pi}{3}}$.""",
        True,
        "exact value",
        "theoremqa",
    ),
    Case(
        "theoremqa:45",
        r"1.0472",
        r"""The antiderivative is $\arctan x$, and $\arctan \sqrt{3} = \frac{\pi}{6}$, so the answer is $\boxed{\frac{\pi}{6}}$.""",
        False,
        "wrong arctan value",
        "theoremqa",
    ),
    Case(
        "theoremqa:80",
        r"3e-36",
        r"""$\Delta p \approx \frac{\hbar}{\Delta x} = \frac{1.055 \times 10^{-34}}{35} \approx 3.01 \times 10^{-36}$ kg m/s.
The answer is $\boxed{3.01 \times 10^{-36}}$.""",
        True,
        "within 4e-2",
        "theoremqa",
    ),
    Case(
        "theoremqa:80",
        r"3e-36",
        r"""By the uncertainty principle $\Delta p \ge \frac{\hbar}{2 \Delta x} = \frac{1.055 \times 10^{-34}}{70}$.
So $\Delta p \approx \boxed{1.5 \times 10^{-36}}$ kg m/s.""",
        False,
        "factor 2 beyond tolerance",
        "theoremqa",
    ),
    Case(
        "theoremqa:97",
        r"[0, 2, 0, 2, 1, 7, 1, 2, 0, 3, 0, 6]",
        r"""Tracing the boundary and rotating the code to its minimum-magnitude starting point gives the normalized chain code.
$\boxed{[0,2,0,2,1,7,1,2,0,3,0,6]}$""",
        True,
        "same list, no spaces",
        "theoremqa",
    ),
    Case(
        "theoremqa:97",
        r"[0, 2, 0, 2, 1, 7, 1, 2, 0, 3, 0, 6]",
        r"""Following the contour counter-clockwise and normalizing the starting point:
$\boxed{[0, 2, 0, 2, 1, 7, 1, 2, 0, 3, 0, 5]}$""",
        False,
        "last element differs",
        "theoremqa",
    ),
    Case(
        "theoremqa:102",
        r"2.7182818",
        r"""As $r \to 0$, $((x+1)^{r+1} - x^{r+1})^{1/r} \approx \exp\left(\frac{(x+1)\ln(x+1) - x\ln x}{1}\right) \cdot \dots$, and $g(x)/x \to e$.
The answer is $\boxed{e}$.""",
        True,
        "symbol e vs decimal",
        "theoremqa",
    ),
    Case(
        "theoremqa:102",
        r"2.7182818",
        r"""For large $x$, $(x+1)^{r+1} - x^{r+1} \approx (r+1)x^r$, so $g(x) \approx x (r+1)^{1/r}$, and as $r \to 0$ we drop the constant: the limit is $\boxed{1}$.""",
        False,
        "dropped the (1+r)^(1/r) factor",
        "theoremqa",
    ),
    Case(
        "theoremqa:110",
        r"133496",
        r"""This is the derangement number $D_9 = 9! \sum_{k=0}^{9} \frac{(-1)^k}{k!} = 133496$.
The answer is $\boxed{133,496}$.""",
        True,
        "thousands separator",
        "theoremqa",
    ),
    Case(
        "theoremqa:110",
        r"133496",
        r"""The number of arrangements of 9 people in a line is $9! = \boxed{362880}$.""",
        False,
        "ignored the derangement condition",
        "theoremqa",
    ),
    Case(
        "theoremqa:155",
        r"0.78539815",
        r"""Using $x \to \frac{\pi}{2} - x$, the integrand pairs with $\frac{\tan^{\sqrt2} x}{1 + \tan^{\sqrt2} x}$, and the two add to $1$.
So $2I = \frac{\pi}{2}$ and $I = \boxed{\frac{\pi}{4}}$.""",
        True,
        "exact value",
        "theoremqa",
    ),
    Case(
        "theoremqa:155",
        r"0.78539815",
        r"""By the symmetry $x \to \frac{\pi}{2} - x$, the sum of the two integrands is $1$, so $I = \boxed{\frac{\pi}{2}}$.""",
        False,
        "forgot to halve",
        "theoremqa",
    ),
    Case(
        "theoremqa:233",
        r"0.8356488482647211",
        r"""The sum equals $\int_0^1 \frac{dx}{1 + x^3} = \frac{\ln 2}{3} + \frac{\pi}{3\sqrt3} \approx 0.836$.
The answer is $\boxed{0.836}$.""",
        True,
        "rounded within 4e-2",
        "theoremqa",
    ),
    Case(
        "theoremqa:233",
        r"0.8356488482647211",
        r"""Writing the series as $\int_0^1 \frac{dx}{1+x^3}$, we get $\boxed{\frac{\ln 2}{3} + \frac{\pi}{3\sqrt{3}}}$.""",
        True,
        "exact closed form",
        "theoremqa",
    ),
    Case(
        "theoremqa:233",
        r"0.8356488482647211",
        r"""This is an alternating harmonic-type series, $1 - \frac12 + \frac13 - \dots = \ln 2 \approx \boxed{0.693}$.""",
        False,
        "wrong series",
        "theoremqa",
    ),
    Case(
        "theoremqa:353",
        r"26.0",
        r"""The voltage ratio is 20, so $\mathrm{SNR} = 20^2 = 400$ and $\mathrm{SNR}_{dB} = 10\log_{10} 400 \approx 26.0$ dB.
The answer is $\boxed{26 \text{ dB}}$.""",
        True,
        "unit dB dropped",
        "theoremqa",
    ),
    Case(
        "theoremqa:353",
        r"26.0",
        r"""The power SNR is $20^2 = 400$, and in decibels this is $10\log_{10} 400 = 26.0$ dB.
So the SNR is $\boxed{400}$.""",
        False,
        "right value in reasoning, different final answer",
        "theoremqa",
    ),
    Case(
        "theoremqa:692",
        r"[-1.7807764064, 0.2807764064]",
        r"""Squaring twice reduces the equation to $2x^2 + 3x - 1 = 0$, whose roots $\frac{-3 \pm \sqrt{17}}{4}$ both check.
In ascending order: $\boxed{\left[\frac{-3-\sqrt{17}}{4}, \frac{-3+\sqrt{17}}{4}\right]}$.""",
        True,
        "exact radicals in list",
        "theoremqa",
    ),
    Case(
        "theoremqa:692",
        r"[-1.7807764064, 0.2807764064]",
        r"""The roots are $x = \frac{-3 \pm \sqrt{17}}{4}$, approximately $0.2808$ and $-1.7808$.
$\boxed{[0.2808, -1.7808]}$""",
        False,
        "not in the requested ascending order",
        "theoremqa",
    ),
    Case(
        "theoremqa:25",
        r"[-1, 6]",
        r"""The limit exists only if the numerator vanishes at $c$: $c^2 - 5c - 6 = (c - 6)(c + 1) = 0$.
So $c \in \boxed{[-1, 6]}$.""",
        True,
        "same list",
        "theoremqa",
    ),
    Case(
        "theoremqa:25",
        r"[-1, 6]",
        r"""We need $c^2 - 5c - 6 = 0$, i.e. $(c + 6)(c - 1) = 0$, so $c = \boxed{[1, -6]}$.""",
        False,
        "factored with wrong signs",
        "theoremqa",
    ),
    Case(
        "theoremqa:62",
        r"[-1, 4]",
        r"""$D = 2 \cdot 4 - 3 \cdot 4 = -4$, $D_x = 10 \cdot 4 - 3 \cdot 12 = 4$, $D_y = 2 \cdot 12 - 10 \cdot 4 = -16$.
So $x = -1$ and $y = 4$: $\boxed{[-1, 4]}$.""",
        True,
        "same list",
        "theoremqa",
    ),
    Case(
        "theoremqa:62",
        r"[-1, 4]",
        r"""By Cramer's rule, $y = D_y/D = 4$ and $x = D_x/D = -1$, so the answer is $\boxed{[4, -1]}$.""",
        False,
        "order (x, y) swapped",
        "theoremqa",
    ),
    Case(
        "theoremqa:289",
        r"[8, -14]",
        r"""Differentiating implicitly, $2xy^2 + 2x^2 y y' - 3y' + 6x^2 = 0$, so $y' = -\frac{2xy^2 + 6x^2}{2x^2 y - 3}$.
At $(1,1)$, $y' = 8$; at $(1,2)$, $y' = -14$. The answer is $\boxed{[8, -14]}$.""",
        True,
        "same list",
        "theoremqa",
    ),
    Case(
        "theoremqa:289",
        r"[8, -14]",
        r"""Using $y' = -\frac{2xy^2 + 6x^2}{2x^2y - 3}$: at $(1,2)$ it is $-14$ and at $(1,1)$ it is $8$.
So the answer is $\boxed{[-14, 8]}$.""",
        False,
        "order swapped",
        "theoremqa",
    ),
    Case(
        "theoremqa:15",
        r"[4, 2]",
        r"""Solve $c_1 [3, 1] + c_2 [-1, 3] = [10, 10]$: $3c_1 - c_2 = 10$ and $c_1 + 3c_2 = 10$, so $c_1 = 4$, $c_2 = 2$.
The B-coordinate vector is $\boxed{[4, 2]}$.""",
        True,
        "same list",
        "theoremqa",
    ),
    Case(
        "theoremqa:15",
        r"[4, 2]",
        r"""Solving the system gives $c_2 = 4$ and $c_1 = 2$, so $[x]_B = \boxed{[2, 4]}$.""",
        False,
        "coordinates swapped",
        "theoremqa",
    ),
    Case(
        "theoremqa:90",
        r"(a)",
        r"""If the total variation equals $f(1) - f(0)$, then the negative variation is zero, so $f$ never decreases.
Thus $f$ is increasing: $\boxed{\text{(a)}}$.""",
        True,
        "\\text wrapper",
        "theoremqa",
    ),
    Case(
        "theoremqa:90",
        r"(a)",
        r"""The variation could come from any monotone piece, so neither conclusion follows. The answer is $\boxed{(c)}$.""",
        False,
        "wrong option",
        "theoremqa",
    ),
    Case(
        "theoremqa:0",
        r"11760",
        r"""Dividing 8 elements into 5 non-empty ordered subsets is counted by the Lah number $L(8,5) = \binom{7}{4}\frac{8!}{5!} = 35 \cdot 336$.
The answer is $\boxed{11760}$.""",
        True,
        "exact",
        "theoremqa",
    ),
    Case(
        "theoremqa:0",
        r"11760",
        r"""The number of ways to partition 8 elements into 5 non-empty subsets is the Stirling number $S(8,5) = \boxed{1050}$.""",
        False,
        "unordered count",
        "theoremqa",
    ),
    Case(
        "theoremqa:3",
        r"1.42",
        r"""Let $f(x) = 2x^3 + e^x - 10$. Starting from $x_0 = 1.5$, Newton's method gives $x_1 \approx 1.4313$, $x_2 \approx 1.4283$.
So the root is $\boxed{1.4283}$.""",
        False,
        "1.4283 rounds to 1.43, not the gold's 1.42 (issue 15, class 10)",
        "theoremqa",
    ),
    Case(
        "theoremqa:3",
        r"1.42",
        r"""Starting at $x_0 = 1.5$, $f(1.5) = 1.23$, so the root is about $\boxed{1.5}$.""",
        False,
        "5.6% off, beyond 4e-2",
        "theoremqa",
    ),
    Case(
        "theoremqa:160",
        r"0.63662",
        r"""Integrating by parts, the ratio tends to $\frac{\sin(\pi/2)}{(\pi/2)\cos'(\dots)}$... and the limit is $\frac{2}{\pi}$.
The answer is $\boxed{\frac{2}{\pi}}$.""",
        True,
        "exact value",
        "theoremqa",
    ),
    Case(
        "theoremqa:160",
        r"0.63662",
        r"""The mass of $x^r$ concentrates at $\pi/2$, giving the limit $\boxed{\frac{\pi}{2}}$.""",
        False,
        "reciprocal of the answer",
        "theoremqa",
    ),
    Case(
        "theoremqa:581",
        r"[0.6667, -0.6667]",
        r"""As $x \to \infty$, $f(x) \to \frac{6}{9} = \frac23$; as $x \to -\infty$, $f(x) \to -\frac23$.
So the possible values are $\boxed{[\frac{2}{3}, -\frac{2}{3}]}$.""",
        True,
        "exact fractions",
        "theoremqa",
    ),
    Case(
        "theoremqa:581",
        r"[0.6667, -0.6667]",
        r"""The horizontal asymptote is $y = \frac{6}{9}$, so $g(2023) = \boxed{[0.6667]}$.""",
        False,
        "negative asymptote missing",
        "theoremqa",
    ),
]

assert len(CASES) >= 160
