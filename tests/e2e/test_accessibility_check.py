# SPDX-License-Identifier: EUPL-1.2
"""The accessibility check itself can fail: axe-core reports a known violation."""

import pytest

pytestmark = pytest.mark.e2e


def test_axe_reports_an_unlabelled_input_and_an_image_without_text(page, axe):
    page.set_content(
        '<html lang="nl"><head><title>t</title></head><body><main>'
        '<input type="text"><img src="data:,"></main></body></html>'
    )
    found = {rule for rule, _impact, _targets in axe()}
    assert {"label", "image-alt"} <= found
